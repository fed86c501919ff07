package dev.responder.sim;

import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole mutable state of a simulation. Everything is copied by {@link #copy} so that a fork shares nothing
 * with its origin; randomness is not part of the state because it is derived from (seed, tick, stream).
 */
final class SimState {
  long tick;
  final ServiceState[] services;
  final List<Impairment> impairments = new ArrayList<>();
  final List<Fault> injected = new ArrayList<>();
  /** Per injected fault: what the injection chose (node, instance, original values), for fixes and diagnostics. */
  final List<java.util.Map<String, String>> facts = new ArrayList<>();
  final List<Fault> scheduled = new ArrayList<>();
  final List<RedHerring> herrings = new ArrayList<>();
  final TreeSet<String> cordoned = new TreeSet<>();
  /** Per call-graph node: the failure probability of one attempt in the previous tick (drives retries). */
  double[] attemptFailure;
  /** Per service: the share of requests shed (overload, pool rejections) in the previous tick; never sent on. */
  final double[] shed;
  /** Per service: messages waiting for the consumer. */
  final double[] backlog;
  /** Per service (caches): how warm the cache is, 0 (cold) to 1. */
  final double[] cacheWarmth;
  /** Change events and Kubernetes events produced by actions, emitted with the next tick. */
  final List<ChangeEvent> pendingChanges = new ArrayList<>();
  final List<LogRecord> pendingEvents = new ArrayList<>();
  /** Since when every SLO holds, or null while one is broken. */
  Instant healthySince;
  Snapshot last;

  SimState(int services, int nodes) {
    this.services = new ServiceState[services];
    this.attemptFailure = new double[nodes];
    this.backlog = new double[services];
    this.shed = new double[services];
    this.cacheWarmth = new double[services];
  }

  SimState copy() {
    SimState c = new SimState(services.length, attemptFailure.length);
    c.tick = tick;
    for (int i = 0; i < services.length; i++) {
      c.services[i] = services[i].copy();
    }
    c.impairments.addAll(impairments);
    c.injected.addAll(injected);
    c.facts.addAll(facts);
    c.scheduled.addAll(scheduled);
    c.herrings.addAll(herrings);
    c.cordoned.addAll(cordoned);
    c.attemptFailure = attemptFailure.clone();
    System.arraycopy(backlog, 0, c.backlog, 0, backlog.length);
    System.arraycopy(shed, 0, c.shed, 0, shed.length);
    System.arraycopy(cacheWarmth, 0, c.cacheWarmth, 0, cacheWarmth.length);
    c.pendingChanges.addAll(pendingChanges);
    c.pendingEvents.addAll(pendingEvents);
    c.healthySince = healthySince;
    c.last = last;
    return c;
  }

  /** A service's mutable state: what runs, how it is configured, and its instances. */
  static final class ServiceState {
    String version;
    final Deque<String> previousVersions = new ArrayDeque<>();
    final TreeMap<String, String> config = new TreeMap<>();
    final TreeMap<String, Boolean> flags = new TreeMap<>();
    final List<InstanceState> instances = new ArrayList<>();
    final TreeSet<String> blockedIps = new TreeSet<>();
    double rateLimitRps;
    boolean rateLimited;
    int failovers;
    int primary;
    int nextInstanceOrdinal;

    ServiceState copy() {
      ServiceState c = new ServiceState();
      c.version = version;
      c.previousVersions.addAll(previousVersions);
      c.config.putAll(config);
      c.flags.putAll(flags);
      instances.forEach(i -> c.instances.add(i.copy()));
      c.blockedIps.addAll(blockedIps);
      c.rateLimitRps = rateLimitRps;
      c.rateLimited = rateLimited;
      c.failovers = failovers;
      c.primary = primary;
      c.nextInstanceOrdinal = nextInstanceOrdinal;
      return c;
    }

    boolean flag(String name) {
      return flags.getOrDefault(name, false);
    }
  }

  /** One instance (pod) of a service. */
  static final class InstanceState {
    final String name;
    String node;
    double heapExtraBytes;
    double diskUsed;
    int restarts;
    long lastRestartTick = -1;
    /** Ticks of recent restarts, for CrashLoopBackOff. */
    final Deque<Long> recentRestarts = new ArrayDeque<>();
    long downUntilTick = -1;
    double leakedConnections;
    final TreeSet<String> processes = new TreeSet<>();
    /** Pool rejections of the previous tick (threads, connections), fed back into this tick's errors. */
    double poolRejection;

    InstanceState(String name, String node, double diskUsed) {
      this.name = name;
      this.node = node;
      this.diskUsed = diskUsed;
    }

    InstanceState copy() {
      InstanceState c = new InstanceState(name, node, diskUsed);
      c.heapExtraBytes = heapExtraBytes;
      c.restarts = restarts;
      c.lastRestartTick = lastRestartTick;
      c.recentRestarts.addAll(recentRestarts);
      c.downUntilTick = downUntilTick;
      c.leakedConnections = leakedConnections;
      c.processes.addAll(processes);
      c.poolRejection = poolRejection;
      return c;
    }

    boolean up(long tick) {
      return tick >= downUntilTick;
    }
  }
}
