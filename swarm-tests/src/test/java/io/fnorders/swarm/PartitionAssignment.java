package io.fnorders.swarm;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which host holds each partition of one topic for a consumer group, read from the table that
 * {@code kafka-consumer-groups.sh --describe} prints (host "-" when a partition is unassigned).
 */
record PartitionAssignment(String topic, Map<Integer, String> hostByPartition) {

	static PartitionAssignment parse(String topic, String describeOutput) {
		Map<Integer, String> hosts = new TreeMap<>();
		describeOutput.lines().map(line -> line.strip().split("\\s+")).filter(columns -> columns.length >= 9)
			.filter(columns -> columns[1].equals(topic) && columns[2].matches("\\d+"))
			.forEach(columns -> hosts.put(Integer.parseInt(columns[2]), columns[7].replaceFirst("^/", "")));
		return new PartitionAssignment(topic, hosts);
	}

	/** How many partitions each host holds. */
	Map<String, Long> partitionsPerHost() {
		return this.hostByPartition.values().stream()
			.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
	}

	boolean allAssigned(int partitions) {
		return this.hostByPartition.size() == partitions && !this.hostByPartition.containsValue("-");
	}

	@Override
	public String toString() {
		return this.topic + ": " + this.hostByPartition + " -> per host " + partitionsPerHost();
	}

}
