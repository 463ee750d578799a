package io.fnorders.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fnorders.notification.notices.Notice;
import io.fnorders.notification.notices.NoticeKind;
import io.fnorders.notification.notices.NotificationLog.Claim;
import io.fnorders.notification.notices.NotificationLog;
import io.fnorders.notification.notices.SentNotification;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sent notices in Redis: a claim per order and kind ({@code <prefix>:sent:<orderId>:<kind>},
 * "sending" with a time-out, then "sent" for {@code sent-retention}), and a capped history list
 * per customer ({@code <prefix>:history:<customerId>}, newest first, kept
 * {@code history-retention} after its last entry). Recording also publishes the notification on
 * {@code <prefix>:live} for the live streams of every instance.
 */
@Repository
class RedisNotificationLog implements NotificationLog {

	private static final RedisScript<Long> RECORD = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == 'sent' then
			  return 0
			end
			redis.call('SET', KEYS[1], 'sent', 'EX', ARGV[3])
			redis.call('LPUSH', KEYS[2], ARGV[1])
			redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
			redis.call('EXPIRE', KEYS[2], ARGV[4])
			redis.call('PUBLISH', KEYS[3], ARGV[1])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final NotificationProperties properties;

	RedisNotificationLog(StringRedisTemplate redis, JsonMapper json, NotificationProperties properties) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
	}

	@Override
	public Claim claim(String orderId, NoticeKind kind) {
		String key = sentKey(orderId, kind);
		for (int attempt = 0; attempt < 2; attempt++) {
			if (Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key, "sending", this.properties.claimTtl()))) {
				return Claim.CLAIMED;
			}
			String state = this.redis.opsForValue().get(key);
			if (state != null) {
				return "sent".equals(state) ? Claim.SENT : Claim.IN_PROGRESS;
			}
		}
		return Claim.IN_PROGRESS;
	}

	@Override
	public void release(String orderId, NoticeKind kind) {
		this.redis.delete(sentKey(orderId, kind));
	}

	@Override
	public void recordSent(SentNotification sent) {
		Notice notice = sent.notice();
		String entry = this.json.writeValueAsString(NotificationView.of(sent));
		this.redis.execute(RECORD,
				List.of(sentKey(notice.orderId(), notice.kind()), historyKey(notice.customerId()), liveChannel()), entry,
				String.valueOf(this.properties.historyLimit()), seconds(this.properties.sentRetention()),
				seconds(this.properties.historyRetention()));
	}

	@Override
	public List<SentNotification> history(String customerId, int limit) {
		List<String> entries = this.redis.opsForList().range(historyKey(customerId), 0, limit - 1L);
		return (entries == null) ? List.of() : entries.stream().map(this::toSent).toList();
	}

	private static String seconds(Duration duration) {
		return String.valueOf(Math.max(1, duration.toSeconds()));
	}

	String liveChannel() {
		return this.properties.keyPrefix() + ":live";
	}

	private SentNotification toSent(String entry) {
		JsonNode node = this.json.readTree(entry);
		String recipient = node.get("recipient").asString();
		return new SentNotification(new Notice(node.get("orderId").asString(), node.get("customerId").asString(),
				NoticeKind.valueOf(node.get("type").asString()), node.get("subject").asString(), node.get("body").asString(),
				recipient), recipient, Instant.parse(node.get("sentAt").asString()));
	}

	private String sentKey(String orderId, NoticeKind kind) {
		return this.properties.keyPrefix() + ":sent:" + orderId + ":" + kind.name();
	}

	private String historyKey(String customerId) {
		return this.properties.keyPrefix() + ":history:" + customerId;
	}

}
