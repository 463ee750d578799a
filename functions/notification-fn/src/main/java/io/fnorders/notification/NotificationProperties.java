package io.fnorders.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from the sender address of every e-mail
 * @param recipientDomain the domain of a customer's address when the customer id is not an
 * address itself ({@code <customerId>@<domain>})
 * @param historyLimit how many notifications a customer's history keeps
 * @param claimTtl how long a claimed but unrecorded notice blocks a resend (a crash's window)
 * @param keyPrefix prefix of the Redis keys notification-fn owns
 */
@ConfigurationProperties("fnorders.notification")
record NotificationProperties(@DefaultValue("orders@fnorders.example") String from,
		@DefaultValue("customers.fnorders.example") String recipientDomain, @DefaultValue("100") int historyLimit,
		@DefaultValue("2m") Duration claimTtl, @DefaultValue("notification") String keyPrefix) {

	String recipientOf(String customerId) {
		return customerId.contains("@") ? customerId : customerId + "@" + this.recipientDomain;
	}

}
