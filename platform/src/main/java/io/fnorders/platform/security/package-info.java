/**
 * Who may call which function: every function service is an OAuth2 resource server that trusts
 * one OpenID Connect issuer. Which functions are open, for signed-in customers on their own
 * resources, or for admins is configuration ({@code fnorders.access.*}); the customer a call acts
 * for is taken from the token and handed to the functions as a header, so they need no Spring
 * Security of their own.
 */
@NullMarked
package io.fnorders.platform.security;

import org.jspecify.annotations.NullMarked;
