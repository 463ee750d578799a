/** Accounts: who can sign in, with which role. Plain Java. */
@NullMarked
package io.fnorders.identity.accounts;

import org.jspecify.annotations.NullMarked;
