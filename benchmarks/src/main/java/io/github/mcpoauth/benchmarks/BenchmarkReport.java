/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.mcpoauth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the summary of JMH JSON results ({@code -rf json}) of this module's benchmarks.
 *
 * <p>The throughput ratio against the target comes from {@code FilterBenchmark.interleaved},
 * which times one request of each client in turn, so that both share every change of the
 * machine's load: the ratio of the total times, and its median and range over the iterations.
 * Then, from the clients benchmarked each on its own: their throughputs, the JVM's CPU time per
 * request ({@link CpuTimeProfiler}) and allocation per request ({@code -prof gc}); and the
 * filter's own cost without network, and its share of a request's CPU time.
 * {@code FilterVariantsBenchmark}, when present, adds the ratio of each variant. Results of
 * several files (several runs) are listed run by run; benchmarks missing from the results are
 * left out.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.mcpoauth.benchmarks.BenchmarkReport result.json...}
 */
public final class BenchmarkReport {

	/** The least acceptable throughput of the filtered client, relative to the fixed header. */
	static final double TARGET_RATIO = 0.97;

	private static final String ALLOCATION = "gc.alloc.rate.norm";

	private static final String CPU_TIME = "cpu.time.norm";

	private BenchmarkReport() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: BenchmarkReport <JMH JSON result>...");
			System.exit(2);
		}
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, List<Result>> results = new LinkedHashMap<>();
		List<JsonNode> interleaved = new ArrayList<>();
		List<JsonNode> variants = new ArrayList<>();
		String header = null;
		for (String file : args) {
			JsonNode array;
			try (InputStream in = Files.newInputStream(Path.of(file))) {
				array = mapper.readTree(in);
			}
			for (JsonNode result : array) {
				String benchmark = result.path("benchmark").asString();
				String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
				results.computeIfAbsent(name, (key) -> new ArrayList<>()).add(Result.of(result));
				if (name.equals("FilterBenchmark.interleaved")) {
					interleaved.add(result);
				}
				if (name.equals("FilterVariantsBenchmark.interleaved")) {
					variants.add(result);
				}
				if (header == null) {
					header = String.format(Locale.ROOT, "JMH %s, %s %s, %d cores",
							result.path("jmhVersion").asString(), result.path("vmName").asString(),
							result.path("vmVersion").asString(), Runtime.getRuntime().availableProcessors());
				}
			}
		}
		if (header == null) {
			System.out.println("No benchmark results in " + String.join(", ", args));
			return;
		}
		System.out.println(header);
		System.out.println("± is JMH's 99.9% confidence half-width over the measured iterations.");
		List<Result> withoutFilter = results.getOrDefault("FilterOverheadBenchmark.withoutFilter", List.of());
		List<Result> filter = results.getOrDefault("FilterOverheadBenchmark.filter", List.of());
		Double overheadNanos = (withoutFilter.isEmpty() || filter.isEmpty()) ? null
				: filter.get(0).score() - withoutFilter.get(0).score();
		printInterleaved(interleaved);
		printNetwork(results.getOrDefault("FilterBenchmark.fixedHeader", List.of()),
				results.getOrDefault("FilterBenchmark.mcpFilter", List.of()), overheadNanos);
		printOverhead(withoutFilter, filter);
		printVariants(variants);
	}

	private static void printInterleaved(List<JsonNode> interleaved) {
		List<Double> fixedHeader = new ArrayList<>();
		List<Double> mcpFilter = new ArrayList<>();
		for (JsonNode result : interleaved) {
			fixedHeader.addAll(raw(result.path("secondaryMetrics").path("fixedHeaderNanos")));
			mcpFilter.addAll(raw(result.path("secondaryMetrics").path("mcpFilterNanos")));
		}
		if (fixedHeader.isEmpty() || fixedHeader.size() != mcpFilter.size()) {
			return;
		}
		System.out.println();
		System.out.println("WebClient POST + body read on loopback, the two clients in turn (FilterBenchmark.interleaved)");
		double ratio = timeRatio(fixedHeader, mcpFilter);
		System.out.printf(Locale.ROOT, "  throughput ratio mcpFilter/fixedHeader = time in fixedHeader / time in mcpFilter: %.3f%n", ratio);
		System.out.printf(Locale.ROOT, "    per iteration: %s%n", iterationRatios(fixedHeader, mcpFilter));
		System.out.printf(Locale.ROOT, "  target >= %.2f: %s%n", TARGET_RATIO, (ratio >= TARGET_RATIO) ? "met" : "NOT met");
	}

	private static void printVariants(List<JsonNode> variants) {
		if (variants.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println("Filter variants against the fixed header, in turn (FilterVariantsBenchmark.interleaved)");
		for (JsonNode result : variants) {
			List<Double> fixedHeader = raw(result.path("secondaryMetrics").path("fixedHeaderNanos"));
			List<Double> variant = raw(result.path("secondaryMetrics").path("variantNanos"));
			if (!fixedHeader.isEmpty() && fixedHeader.size() == variant.size()) {
				System.out.printf(Locale.ROOT, "  %-14s %.3f   per iteration: %s%n", result.path("params").path("variant").asString(),
						timeRatio(fixedHeader, variant), iterationRatios(fixedHeader, variant));
			}
		}
	}

	private static double timeRatio(List<Double> baseline, List<Double> other) {
		return baseline.stream().mapToDouble(Double::doubleValue).sum() / other.stream().mapToDouble(Double::doubleValue).sum();
	}

	private static String iterationRatios(List<Double> baseline, List<Double> other) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < baseline.size(); i++) {
			ratios.add(baseline.get(i) / other.get(i));
		}
		List<Double> sorted = ratios.stream().sorted().toList();
		return String.format(Locale.ROOT, "median %.3f, range %.3f to %.3f over %d iterations", median(sorted),
				sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
	}

	private static List<Double> raw(JsonNode metric) {
		List<Double> values = new ArrayList<>();
		for (JsonNode fork : metric.path("rawData")) {
			for (JsonNode iteration : fork) {
				values.add(Result.number(iteration));
			}
		}
		return values;
	}

	private static void printNetwork(List<Result> fixedHeader, List<Result> mcpFilter, @Nullable Double overheadNanos) {
		if (fixedHeader.isEmpty() && mcpFilter.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println("Each client on its own (FilterBenchmark.fixedHeader, FilterBenchmark.mcpFilter)");
		System.out.printf(Locale.ROOT, "  %-14s %24s %10s %10s%n", "client", "ops/s", "CPU µs/op", "B/op");
		for (Result result : fixedHeader) {
			printClient("fixedHeader", result);
		}
		for (Result result : mcpFilter) {
			printClient("mcpFilter", result);
		}
		Double fixedBytes = mean(fixedHeader, Result::bytes);
		Double filterBytes = mean(mcpFilter, Result::bytes);
		System.out.printf(Locale.ROOT, "  allocation per request: %s B with the filter%n", difference(fixedBytes, filterBytes));
		if (!fixedHeader.isEmpty() && !mcpFilter.isEmpty()) {
			System.out.printf(Locale.ROOT,
					"  throughput ratio of these runs: %.3f; measured one after the other, it follows the machine's load:%n"
							+ "    judge the filter by the interleaved ratio%n",
					mcpFilter.get(0).score() / fixedHeader.get(0).score());
		}
		Double fixedCpu = mean(fixedHeader, Result::cpuNanos);
		if (overheadNanos != null && fixedCpu != null) {
			System.out.printf(Locale.ROOT,
					"  the filter's own cost, hot in a loop (below), is %.1f%% of the %.1f µs CPU of a fixedHeader request%n",
					100 * overheadNanos / fixedCpu, fixedCpu / 1000);
		}
	}

	private static void printClient(String name, Result result) {
		System.out.printf(Locale.ROOT, "  %-14s %24s %10s %10s%n", name, scoreAndError(result), micros(result),
				bytes(result.bytes()));
	}

	private static void printOverhead(List<Result> withoutFilter, List<Result> filter) {
		if (withoutFilter.isEmpty() && filter.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println("The filter alone, canned response, no network (FilterOverheadBenchmark)");
		System.out.printf(Locale.ROOT, "  %-14s %24s %10s%n", "call", "ns/op", "B/op");
		for (Result result : withoutFilter) {
			System.out.printf(Locale.ROOT, "  %-14s %24s %10s%n", "withoutFilter", scoreAndError(result), bytes(result.bytes()));
		}
		for (Result result : filter) {
			System.out.printf(Locale.ROOT, "  %-14s %24s %10s%n", "filter", scoreAndError(result), bytes(result.bytes()));
		}
		if (!withoutFilter.isEmpty() && !filter.isEmpty()) {
			System.out.printf(Locale.ROOT, "  the filter's own cost: %+.0f ns and %s B per request%n",
					filter.get(0).score() - withoutFilter.get(0).score(),
					difference(withoutFilter.get(0).bytes(), filter.get(0).bytes()));
		}
	}

	private static double median(List<Double> sorted) {
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String scoreAndError(@Nullable Result result) {
		if (result == null) {
			return "";
		}
		return Double.isNaN(result.error()) ? String.format(Locale.ROOT, "%.1f", result.score())
				: String.format(Locale.ROOT, "%.1f ± %.1f", result.score(), result.error());
	}

	private static @Nullable Double mean(List<Result> results, Function<Result, @Nullable Double> metric) {
		if (results.isEmpty() || results.stream().anyMatch((result) -> metric.apply(result) == null)) {
			return null;
		}
		return results.stream().mapToDouble((result) -> metric.apply(result)).average().orElseThrow();
	}

	private static String micros(@Nullable Result result) {
		return (result != null && result.cpuNanos() != null)
				? String.format(Locale.ROOT, "%.1f", result.cpuNanos() / 1000) : "n/a";
	}

	private static String bytes(@Nullable Double bytes) {
		return (bytes != null) ? String.format(Locale.ROOT, "%.0f", bytes) : "n/a";
	}

	private static String difference(@Nullable Double base, @Nullable Double other) {
		if (base == null || other == null) {
			return "n/a";
		}
		return String.format(Locale.ROOT, "%+.0f", other - base);
	}

	/**
	 * One benchmark's primary score and its error, and, when the profilers ran, its allocation
	 * per operation ({@code -prof gc}) and the JVM's CPU time per operation
	 * ({@link CpuTimeProfiler}).
	 */
	private record Result(double score, double error, @Nullable Double bytes, @Nullable Double cpuNanos) {

		static Result of(JsonNode result) {
			JsonNode primary = result.path("primaryMetric");
			Double bytes = null;
			Double cpuNanos = null;
			for (Map.Entry<String, JsonNode> metric : result.path("secondaryMetrics").properties()) {
				if (metric.getKey().endsWith(ALLOCATION)) {
					bytes = number(metric.getValue().path("score"));
				}
				if (metric.getKey().endsWith(CPU_TIME)) {
					cpuNanos = number(metric.getValue().path("score"));
				}
			}
			return new Result(number(primary.path("score")), number(primary.path("scoreError")), bytes, cpuNanos);
		}

		/** JMH writes a missing value (the error of a single iteration) as the string {@code "NaN"}. */
		static double number(JsonNode node) {
			return node.isNumber() ? node.doubleValue() : Double.NaN;
		}

	}

}
