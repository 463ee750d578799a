package io.fnorders.notification.notices;

import java.time.Instant;

/**
 * A notice that was sent, as the history keeps it.
 *
 * @param notice what was sent
 * @param recipient the address it went to
 * @param sentAt when
 */
public record SentNotification(Notice notice, String recipient, Instant sentAt) {
}
