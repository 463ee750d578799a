package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fnorders.testsupport.ObservedMetrics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The log fields the Kibana saved objects of {@code dashboards/kibana} show and search. */
final class KibanaObjects {

	/** Fields the Logstash pipeline adds to every document (stack/elk/logstash.conf). */
	private static final Set<String> ADDED_BY_LOGSTASH = Set.of("swarm_service", "tags");

	/** A field name before ":" in a KQL query, e.g. {@code level:(ERROR or WARN)}. */
	private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z@_][\\w.@]*)\\s*:");

	private KibanaObjects() {
	}

	/** The columns, sort fields and queried fields of every saved search, as the functions log them. */
	static Set<String> fieldsOfSavedSearches() {
		JsonMapper json = JsonMapper.builder().build();
		Set<String> fields = new TreeSet<>();
		try {
			for (String line : Files.readAllLines(ObservedMetrics.projectRoot().resolve("dashboards/kibana/fnorders.ndjson"))) {
				JsonNode object = line.isBlank() ? json.missingNode() : json.readTree(line);
				if (object.path("type").asString("").equals("search")) {
					JsonNode attributes = object.path("attributes");
					attributes.path("columns").forEach(column -> fields.add(column.asString()));
					attributes.path("sort").forEach(sort -> fields.add(sort.path(0).asString()));
					JsonNode source = json.readTree(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asString());
					Matcher queried = KQL_FIELD.matcher(source.path("query").path("query").asString(""));
					while (queried.find()) {
						fields.add(queried.group(1));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		fields.removeAll(ADDED_BY_LOGSTASH);
		fields.remove("");
		return fields;
	}

}
