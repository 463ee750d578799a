package io.fnorders.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call each HTTP function of a service ({@code fnorders.access.*}). Every function the
 * service exposes must be named in one list: a service does not start with one that is in none.
 * The operator's tools and the event triggers of the HTTP binding are for admins whatever the
 * lists say.
 *
 * @param open functions anyone may call, signed in or not
 * @param customer functions a signed-in customer calls on their own cart, orders and
 * notifications; an admin may call them on the admin's own
 * @param admin functions only admins may call
 * @param customerInPath customer functions whose path argument is the customer
 * ({@code /cart/<customerId>}): it must be the caller's own id, and is the caller's when left out
 * ({@code /cart})
 * @param customerField the field of a customer function's JSON body that names the customer: it
 * must be the caller's own id, and is set to it when left out
 * @param customerRole the role (the token's {@code roles} claim) of a customer
 * @param adminRole the role of an admin
 */
@ConfigurationProperties("fnorders.access")
public record AccessProperties(@DefaultValue List<String> open, @DefaultValue List<String> customer,
		@DefaultValue List<String> admin, @DefaultValue List<String> customerInPath,
		@DefaultValue("customerId") String customerField, @DefaultValue("customer") String customerRole,
		@DefaultValue("admin") String adminRole) {
}
