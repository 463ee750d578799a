package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

	private int logged;

	LocalMail(LocalSettings settings) {
		this.settings = settings;
	}

	void start() {
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

	/** Every e-mail received so far. */
	MimeMessage[] received() {
		GreenMail mail = this.server;
		return (mail != null) ? mail.getReceivedMessages() : new MimeMessage[0];
	}

	Path log() {
		return this.settings.dataDir().resolve("logs").resolve("mail.log");
	}

	private synchronized void logNewMail() {
		MimeMessage[] all = received();
		StringBuilder lines = new StringBuilder();
		for (MimeMessage message : Arrays.copyOfRange(all, Math.min(this.logged, all.length), all.length)) {
			lines.append(Instant.now()).append("  to ").append(recipients(message)).append("  ").append(subject(message))
				.append(System.lineSeparator());
		}
		this.logged = all.length;
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

	void stop() {
		if (this.logger != null) {
			this.logger.shutdownNow();
		}
		if (this.server != null) {
			logNewMail();
			this.server.stop();
		}
	}

}
