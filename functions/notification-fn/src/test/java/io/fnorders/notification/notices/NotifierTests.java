package io.fnorders.notification.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.errors.RetryLaterException;
import org.junit.jupiter.api.Test;

class NotifierTests {

	private final List<String> mails = new ArrayList<>();

	private final Set<String> claims = new HashSet<>();

	private final Set<String> sent = new HashSet<>();

	private final List<SentNotification> history = new ArrayList<>();

	private boolean mailServerDown;

	private boolean storeDown;

	private final List<String> messageIds = new ArrayList<>();

	private final Notifier notifier = new Notifier((messageId, to, subject, body) -> {
		this.messageIds.add(messageId);
		if (this.mailServerDown) {
			throw new IllegalStateException("no mail server");
		}
		this.mails.add(to + ": " + subject);
	}, new NotificationLog() {

		@Override
		public Claim claim(String orderId, NoticeKind kind) {
			if (NotifierTests.this.sent.contains(orderId + kind)) {
				return Claim.SENT;
			}
			return NotifierTests.this.claims.add(orderId + kind) ? Claim.CLAIMED : Claim.IN_PROGRESS;
		}

		@Override
		public void release(String orderId, NoticeKind kind) {
			NotifierTests.this.claims.remove(orderId + kind);
		}

		@Override
		public void recordSent(SentNotification notification) {
			if (NotifierTests.this.storeDown) {
				throw new RetryLaterException("the store is away");
			}
			NotifierTests.this.sent.add(notification.notice().orderId() + notification.notice().kind());
			NotifierTests.this.history.add(notification);
		}

		@Override
		public List<SentNotification> history(String customerId, int limit) {
			return NotifierTests.this.history;
		}

	}, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

	private static final Notice PLACED = new Notice("o-1", "c-1", NoticeKind.PLACED, "Received", "Thanks",
			"c-1@example.org");

	@Test
	void sendsANoticeOnceAndRecordsIt() {
		assertThat(this.notifier.send(PLACED)).isTrue();
		assertThat(this.notifier.send(PLACED)).isFalse();

		assertThat(this.mails).containsExactly("c-1@example.org: Received");
		assertThat(this.history).extracting(SentNotification::recipient).containsExactly("c-1@example.org");
	}

	/** A retry after a failed send is the same message: it names the notice, not the attempt. */
	@Test
	void everyAttemptAtANoticeCarriesTheSameMessageId() {
		this.mailServerDown = true;
		assertThatIllegalStateException().isThrownBy(() -> this.notifier.send(PLACED));
		this.mailServerDown = false;
		assertThat(this.notifier.send(PLACED)).isTrue();
		this.notifier.send(new Notice("o-1", "c-1", NoticeKind.CONFIRMED, "Confirmed", "Reserved", "c-1@example.org"));

		assertThat(this.messageIds).containsExactly("o-1/PLACED", "o-1/PLACED", "o-1/CONFIRMED");
	}

	@Test
	void recordsAnEmailThatWentOutWhileTheStoreWasAwayInsteadOfSendingItAgain() {
		this.storeDown = true;
		assertThatExceptionOfType(RetryLaterException.class).isThrownBy(() -> this.notifier.send(PLACED));
		this.claims.clear();

		this.storeDown = false;
		assertThat(this.notifier.send(PLACED)).isTrue();
		assertThat(this.notifier.send(PLACED)).isFalse();

		assertThat(this.mails).containsExactly("c-1@example.org: Received");
		assertThat(this.history).hasSize(1);
	}

	@Test
	void givesTheClaimBackWhenTheMailCannotBeSentSoARetrySends() {
		this.mailServerDown = true;
		assertThatIllegalStateException().isThrownBy(() -> this.notifier.send(PLACED));
		assertThat(this.history).isEmpty();

		this.mailServerDown = false;
		assertThat(this.notifier.send(PLACED)).isTrue();
		assertThat(this.mails).hasSize(1);
	}

	@Test
	void asksToBeRetriedLaterInsteadOfDroppingANoticeAnotherDeliveryIsStillSending() {
		this.claims.add("o-1" + NoticeKind.PLACED);

		assertThatExceptionOfType(RetryLaterException.class).isThrownBy(() -> this.notifier.send(PLACED))
			.withMessageContaining("being sent by another delivery");
		assertThat(this.mails).isEmpty();
	}

	@Test
	void refusesANoticeWithoutAnAddressInsteadOfMakingOneOfTheCustomerId() {
		Notice unaddressed = new Notice("o-2", "c-2@attacker.example", NoticeKind.PLACED, "Received", "Thanks", null);

		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.notifier.send(unaddressed))
			.withMessageContaining("carries no e-mail address");
		assertThat(this.mails).isEmpty();
	}

	@Test
	void sendsEachKindOfTheSameOrder() {
		this.notifier.send(PLACED);
		this.notifier.send(new Notice("o-1", "c-1", NoticeKind.CONFIRMED, "Confirmed", "Reserved", "c-1@example.org"));

		assertThat(this.mails).hasSize(2);
	}

}
