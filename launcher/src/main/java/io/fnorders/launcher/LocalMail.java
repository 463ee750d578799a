package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A local SMTP server (GreenMail, in the launcher's JVM) that accepts every e-mail the functions
 * send and writes one line per e-mail to {@code logs/mail.log}, so a user of {@code make run}
 * can see what customers would receive.
 */
final class LocalMail {

	private final LocalSettings settings;

	private @Nullable GreenMail server;

	private @Nullable ScheduledExecutorService logger;

	/** The Message-IDs of the e-mails written to the log: GreenMail lists messages by mailbox, not in arrival order. */
	private final Set<String> logged = new HashSet<>();

	/** What servers stopped before this one received, so a restart loses nothing for the log or tests. */
	private final List<MimeMessage> earlier = new ArrayList<>();

	LocalMail(LocalSettings settings) {
		this.settings = settings;
	}

	synchronized void start() {
		GreenMail mail = new GreenMail(new ServerSetup(this.settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		this.server = mail;
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "mail-log");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::logNewMail, 1, 1, TimeUnit.SECONDS);
		this.logger = scheduler;
	}

	/** Every e-mail received so far, by this server and those stopped before it. */
	synchronized MimeMessage[] received() {
		List<MimeMessage> all = new ArrayList<>(this.earlier);
		all.addAll(List.of(current()));
		return all.toArray(MimeMessage[]::new);
	}

	private MimeMessage[] current() {
		GreenMail mail = this.server;
		return (mail != null) ? mail.getReceivedMessages() : new MimeMessage[0];
	}

	Path log() {
		return this.settings.dataDir().resolve("logs").resolve("mail.log");
	}

	private synchronized void logNewMail() {
		writeLines(List.of(current()));
	}

	/** Writes a line for each of the messages not logged before. */
	private void writeLines(List<MimeMessage> messages) {
		StringBuilder lines = new StringBuilder();
		for (MimeMessage message : messages) {
			if (this.logged.add(messageId(message))) {
				lines.append(Instant.now()).append("  to ").append(recipients(message)).append("  ").append(subject(message))
					.append(System.lineSeparator());
			}
		}
		if (lines.isEmpty()) {
			return;
		}
		try {
			Files.createDirectories(log().getParent());
			Files.writeString(log(), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String messageId(MimeMessage message) {
		try {
			String id = message.getMessageID();
			return (id != null) ? id : String.valueOf(System.identityHashCode(message));
		}
		catch (MessagingException ex) {
			return String.valueOf(System.identityHashCode(message));
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
			// GreenMail's stop starts an empty store: what the old one holds once it is stopped
			// (a message taken while stopping included) is read from it afterwards
			Managers store = mail.getManagers();
			mail.stop();
			this.server = null;
			List<MimeMessage> kept = store.getImapHostManager().getAllMessages().stream()
				.map(StoredMessage::getMimeMessage)
				.toList();
			writeLines(kept);
			this.earlier.addAll(kept);
		}
	}

}
