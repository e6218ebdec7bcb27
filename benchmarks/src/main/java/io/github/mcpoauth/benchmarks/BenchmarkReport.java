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

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the summary of JMH JSON results ({@code -rf json}) of this module's benchmarks.
 *
 * <p>{@code scripts/benchmark.sh} runs the two network benchmarks in rounds, one fork of each
 * per round in alternating order, one result file per fork, so that a change of the machine's
 * load between forks weighs on both clients alike; the n-th {@code fixedHeader} result (in the
 * order of the files given) is paired with the n-th {@code mcpFilter} result. The summary shows
 * each round's throughputs and ratio, the median ratio against the target, the allocation per
 * request of each client (from {@code -prof gc}), and the filter's own cost without network,
 * with the ratio that cost alone predicts. Benchmarks missing from the results are left out.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.mcpoauth.benchmarks.BenchmarkReport result.json...}
 */
public final class BenchmarkReport {

	/** The least acceptable throughput of the filtered client, relative to the fixed header. */
	static final double TARGET_RATIO = 0.97;

	private static final String ALLOCATION = "gc.alloc.rate.norm";

	private BenchmarkReport() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: BenchmarkReport <JMH JSON result>...");
			System.exit(2);
		}
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, List<Result>> results = new LinkedHashMap<>();
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
		printNetwork(results.getOrDefault("FilterBenchmark.fixedHeader", List.of()),
				results.getOrDefault("FilterBenchmark.mcpFilter", List.of()), overheadNanos);
		printOverhead(withoutFilter, filter);
	}

	private static void printNetwork(List<Result> fixedHeader, List<Result> mcpFilter, @Nullable Double overheadNanos) {
		if (fixedHeader.isEmpty() && mcpFilter.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println("WebClient POST + body read on loopback (FilterBenchmark), ops/s");
		System.out.printf(Locale.ROOT, "  %-6s %24s %24s %8s%n", "round", "fixedHeader", "mcpFilter", "ratio");
		int rounds = Math.max(fixedHeader.size(), mcpFilter.size());
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			Result fixed = (i < fixedHeader.size()) ? fixedHeader.get(i) : null;
			Result filtered = (i < mcpFilter.size()) ? mcpFilter.get(i) : null;
			String ratio = "";
			if (fixed != null && filtered != null) {
				ratios.add(filtered.score() / fixed.score());
				ratio = String.format(Locale.ROOT, "%.3f", filtered.score() / fixed.score());
			}
			System.out.printf(Locale.ROOT, "  %-6d %24s %24s %8s%n", i + 1, scoreAndError(fixed), scoreAndError(filtered),
					ratio);
		}
		if (!ratios.isEmpty()) {
			List<Double> sorted = ratios.stream().sorted().toList();
			double median = median(sorted);
			System.out.printf(Locale.ROOT, "  throughput ratio mcpFilter/fixedHeader: median %.3f of %d round(s), range %.3f to %.3f%n",
					median, sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1));
			System.out.printf(Locale.ROOT, "  target >= %.2f: %s%n", TARGET_RATIO, (median >= TARGET_RATIO) ? "met" : "NOT met");
			if (overheadNanos != null) {
				double fixedMean = fixedHeader.stream().mapToDouble(Result::score).average().orElseThrow();
				System.out.printf(Locale.ROOT,
						"  ratio predicted by the filter's own cost: %.3f (1 / (1 + %.0f ns x %.0f ops/s))%n",
						1 / (1 + overheadNanos * fixedMean / 1e9), overheadNanos, fixedMean);
			}
		}
		Double fixedBytes = meanBytes(fixedHeader);
		Double filterBytes = meanBytes(mcpFilter);
		System.out.printf(Locale.ROOT, "  allocation per request: fixedHeader %s B, mcpFilter %s B, difference %s B%n",
				bytes(fixedBytes), bytes(filterBytes), difference(fixedBytes, filterBytes));
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

	private static @Nullable Double meanBytes(List<Result> results) {
		if (results.isEmpty() || results.stream().anyMatch((result) -> result.bytes() == null)) {
			return null;
		}
		return results.stream().mapToDouble(Result::bytes).average().orElseThrow();
	}

	private static String bytes(@Nullable Double bytes) {
		return (bytes != null) ? String.format(Locale.ROOT, "%.0f", bytes) : "n/a";
	}

	private static String difference(@Nullable Double base, @Nullable Double other) {
		if (base == null || other == null) {
			return "n/a (run with -prof gc)";
		}
		return String.format(Locale.ROOT, "%+.0f", other - base);
	}

	/**
	 * One benchmark's primary score and its error, and, when {@code -prof gc} ran, its
	 * allocation per operation.
	 */
	private record Result(double score, double error, @Nullable Double bytes) {

		static Result of(JsonNode result) {
			JsonNode primary = result.path("primaryMetric");
			Double bytes = null;
			for (Map.Entry<String, JsonNode> metric : result.path("secondaryMetrics").properties()) {
				if (metric.getKey().endsWith(ALLOCATION)) {
					bytes = number(metric.getValue().path("score"));
				}
			}
			return new Result(number(primary.path("score")), number(primary.path("scoreError")), bytes);
		}

		/** JMH writes a missing value (the error of a single iteration) as the string {@code "NaN"}. */
		private static double number(JsonNode node) {
			return node.isNumber() ? node.doubleValue() : Double.NaN;
		}

	}

}
