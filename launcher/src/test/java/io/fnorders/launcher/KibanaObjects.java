package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fnorders.testsupport.ObservedMetrics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Kibana saved objects of {@code dashboards/kibana}, and the log fields they show and search. */
final class KibanaObjects {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Fields the Logstash pipeline adds to every document (stack/elk/logstash.conf). */
	private static final Set<String> ADDED_BY_LOGSTASH = Set.of("swarm_service", "tags");

	/** A field name before ":" in a KQL query, e.g. {@code level:(ERROR or WARN)}. */
	private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z@_][\\w.@]*)\\s*:");

	private KibanaObjects() {
	}

	/** Every saved object of {@code dashboards/kibana/fnorders.ndjson}, one per non-blank line. */
	static List<JsonNode> all() {
		try {
			return Files.readAllLines(ObservedMetrics.projectRoot().resolve("dashboards/kibana/fnorders.ndjson"))
				.stream()
				.filter(line -> !line.isBlank())
				.map(JSON::readTree)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The saved objects of one type ({@code index-pattern}, {@code search}). */
	static List<JsonNode> ofType(String type) {
		return all().stream().filter(object -> object.path("type").asString("").equals(type)).toList();
	}

	/** The columns, sort fields and queried fields of every saved search, as the functions log them. */
	static Set<String> fieldsOfSavedSearches() {
		Set<String> fields = new TreeSet<>();
		for (JsonNode search : ofType("search")) {
			JsonNode attributes = search.path("attributes");
			attributes.path("columns").forEach(column -> fields.add(column.asString()));
			attributes.path("sort").forEach(sort -> fields.add(sort.path(0).asString()));
			JsonNode source = JSON.readTree(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asString());
			Matcher queried = KQL_FIELD.matcher(source.path("query").path("query").asString(""));
			while (queried.find()) {
				fields.add(queried.group(1));
			}
		}
		fields.removeAll(ADDED_BY_LOGSTASH);
		fields.remove("");
		return fields;
	}

}
