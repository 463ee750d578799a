package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A local SMTP server (GreenMail, in the launcher's JVM) that accepts every e-mail the functions
 * send and writes one line per e-mail to {@code logs/mail.log}, so a user of {@code make run}
 * can see what customers would receive.
 * <p>
 * Every e-mail lands in one inbox, whatever its recipient, so the inbox is in arrival order. Once
 * a second the new ones are logged and taken out of GreenMail; the most recent {@value #KEPT} stay
 * in memory for {@link #received()}, so a long run holds a bounded number of e-mails (the log
 * holds them all).
 */
final class LocalMail {

	/** How many of the latest e-mails {@link #received()} keeps. */
	static final int KEPT = 20_000;

	private final LocalSettings settings;

	private @Nullable GreenMail server;

	private @Nullable MailFolder inbox;

	private @Nullable ScheduledExecutorService logger;

	/** The latest e-mails taken from the inbox, oldest first, by this server and those before it. */
	private final Deque<MimeMessage> latest = new ArrayDeque<>();

	private long count;

	LocalMail(LocalSettings settings) {
		this.settings = settings;
	}

	synchronized void start() {
		GreenMail mail = new GreenMail(new ServerSetup(this.settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		GreenMailUser catchAll = mail.setUser("mailbox@localhost", "mailbox", "mailbox");
		mail.getUserManager().setMessageDeliveryHandler((message, address) -> catchAll);
		try {
			this.inbox = mail.getManagers().getImapHostManager().getInbox(catchAll);
		}
		catch (FolderException ex) {
			throw new IllegalStateException("GreenMail has no inbox for its catch-all user", ex);
		}
		mail.start();
		this.server = mail;
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "mail-log");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::collectOrSay, 1, 1, TimeUnit.SECONDS);
		this.logger = scheduler;
	}

	/** The latest e-mails received (at most {@value #KEPT}), in the order they arrived. */
	synchronized MimeMessage[] received() {
		collect();
		return this.latest.toArray(MimeMessage[]::new);
	}

	/** How many e-mails were received in all, by this server and those stopped before it. */
	synchronized long receivedCount() {
		collect();
		return this.count;
	}

	Path log() {
		return this.settings.dataDir().resolve("logs").resolve("mail.log");
	}

	/** {@link #collect()} for the scheduler, which would stop calling it after an exception. */
	private void collectOrSay() {
		try {
			collect();
		}
		catch (RuntimeException ex) {
			System.err.println("The mail log could not be written: " + ex.getMessage());
		}
	}

	/** Logs the e-mails that arrived since the last call and moves them out of GreenMail. */
	private synchronized void collect() {
		MailFolder folder = this.inbox;
		if (folder == null) {
			return;
		}
		List<StoredMessage> arrived = folder.getNonDeletedMessages().stream()
			.sorted(Comparator.comparingLong(StoredMessage::getUid))
			.toList();
		if (arrived.isEmpty()) {
			return;
		}
		StringBuilder lines = new StringBuilder();
		for (StoredMessage stored : arrived) {
			MimeMessage message = stored.getMimeMessage();
			lines.append(Instant.now()).append("  to ").append(recipients(message)).append("  ").append(subject(message))
				.append(System.lineSeparator());
			this.latest.addLast(message);
			this.count++;
			stored.setFlag(Flags.Flag.DELETED, true);
		}
		while (this.latest.size() > KEPT) {
			this.latest.removeFirst();
		}
		try {
			// only what was flagged above goes: an e-mail stored meanwhile waits for the next call
			folder.expunge();
			Files.createDirectories(log().getParent());
			Files.writeString(log(), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Cannot take e-mails out of GreenMail's inbox", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String recipients(MimeMessage message) {
		try {
			return String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList());
		}
		catch (MessagingException ex) {
			return "?";
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			return "?";
		}
	}

	synchronized void stop() {
		if (this.logger != null) {
			this.logger.shutdownNow();
		}
		GreenMail mail = this.server;
		if (mail != null) {
			mail.stop();
			this.server = null;
			// GreenMail's stop starts an empty store; the inbox of the old one still holds what
			// arrived last (a message taken while stopping included)
			collect();
			this.inbox = null;
		}
	}

}
