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

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.ThreadMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time of the JVM's Java threads per operation
 * ({@code cpu.time.norm}, ns/op), as {@code -prof gc} reports allocated bytes per operation.
 * Use it with {@code -prof io.github.mcpoauth.benchmarks.CpuTimeProfiler}.
 *
 * <p>Throughput on a machine whose cores are shared with other work measures the other work
 * as much as the benchmark: a thread that waits for a core is slow on the clock but uses no
 * CPU. CPU time per operation is much less sensitive to that, so it compares the cost of two
 * ways of making the same request where throughput cannot. It sums every Java thread: the
 * benchmark thread, the client's and the in-process server's event loops. The JIT compiler's
 * and the garbage collector's threads are not Java threads and are left out, so the cost of a
 * warm-up that has not finished does not count, and neither does collecting the garbage
 * (allocation is reported by {@code -prof gc}).
 */
public final class CpuTimeProfiler implements InternalProfiler {

	private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private Map<Long, Long> before = Map.of();

	@Override
	public String getDescription() {
		return "CPU time of the JVM's Java threads per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.before = cpuTimes();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long used = 0;
		for (Map.Entry<Long, Long> thread : cpuTimes().entrySet()) {
			used += thread.getValue() - this.before.getOrDefault(thread.getKey(), 0L);
		}
		long operations = result.getMetadata().getAllOps();
		double perOperation = (operations != 0) ? (double) used / operations : Double.NaN;
		return List.of(new ScalarResult("cpu.time.norm", perOperation, "ns/op", AggregationPolicy.AVG));
	}

	/** The CPU time of each live Java thread, by id; threads that ended meanwhile report -1 and are left out. */
	private Map<Long, Long> cpuTimes() {
		long[] ids = this.threads.getAllThreadIds();
		long[] times = this.threads.getThreadCpuTime(ids);
		Map<Long, Long> cpuTimes = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (times[i] >= 0) {
				cpuTimes.put(ids[i], times[i]);
			}
		}
		return cpuTimes;
	}

}
