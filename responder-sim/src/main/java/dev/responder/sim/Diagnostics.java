package dev.responder.sim;

import dev.responder.core.port.DiagnosticCheck;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.SimState.InstanceState;
import dev.responder.sim.SimState.ServiceState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Answers environment checks from the simulated state, in the shape the real tools print (ping-like connection
 * tests, dig, df, jstack, openssl, ps), so that agents read them as they would read the real thing.
 */
final class Diagnostics {
  private final CallGraph g;

  Diagnostics(CallGraph graph) {
    this.g = graph;
  }

  DiagnosticCheck.Result run(SimState st, Mods m, DiagnosticCheck check, Instant now) {
    if (!g.app.has(check.target())) {
      return new DiagnosticCheck.Result(check, false, "unknown service '" + check.target() + "'; known: "
          + g.app.services().stream().map(s -> s.id().name()).toList());
    }
    int s = g.indexOf(check.target());
    return switch (check.kind()) {
      case CONNECTION_TEST -> connection(st, m, check, s);
      case DNS_LOOKUP -> dns(m, check, s);
      case DISK_USAGE -> disk(st, check, s);
      case THREAD_DUMP -> threads(st, m, check, s);
      case TLS_CERTIFICATE -> tls(st, m, check, s, now);
      case PROCESS_LIST -> processes(st, m, check, s);
    };
  }

  private DiagnosticCheck.Result connection(SimState st, Mods m, DiagnosticCheck check, int s) {
    String peerName = check.params().getOrDefault("peer", "");
    if (peerName.isEmpty() || !g.app.has(ServiceId.of(peerName))) {
      return new DiagnosticCheck.Result(check, false, "connection test needs param peer naming a service; callees of "
          + check.target() + ": " + g.callees(s).stream().map(c -> g.id(c).name()).toList());
    }
    int peer = g.indexOf(ServiceId.of(peerName));
    String url = st.services[s].config.getOrDefault("upstream." + peerName + ".url", peerName + ":8080");
    double[] edge = m.edge(s, peer);
    double slowest = 0;
    double errors = 1 - (1 - edge[1]) * (1 - m.inbound[peer]);
    for (int i = 0; i < m.latency[s].length; i++) {
      slowest = Math.max(slowest, m.latency[s][i]);
      errors = Math.max(errors, m.errors[s][i]);
    }
    double rtt = 0.4 + edge[0] + slowest;
    if (m.down[peer]) {
      return result(check, false, "connect to " + url + ": connection refused (0/5 probes answered)");
    }
    if (edge[2] > 0.5) {
      return result(check, false, "connect to " + url + " failed: " + (url.contains("-v2")
          ? "Name or service not known" : url.contains(":8081") ? "connection refused" : "name resolution failed")
          + " (" + Math.round((1 - edge[2]) * 5) + "/5 probes answered)");
    }
    if (m.inbound[peer] > 0.5) {
      return result(check, false, "TCP to " + url + " ok, TLS handshake failed: certificate has expired");
    }
    boolean ok = errors < 0.05 && rtt < 100;
    return result(check, ok, String.format(Locale.ROOT, "%s -> %s: 5 probes, %d%% loss, rtt avg %.1f ms",
        check.target(), url, Math.round(errors * 100), rtt));
  }

  private DiagnosticCheck.Result dns(Mods m, DiagnosticCheck check, int s) {
    String name = check.params().getOrDefault("name", "");
    if (name.isEmpty()) {
      List<Integer> callees = g.callees(s);
      name = callees.isEmpty() ? check.target().name() : g.id(callees.get(0)).name();
    }
    double[] edge = m.edge(s, -2);
    String fqdn = name + ".svc.cluster.local";
    if (edge[2] > 0.5) {
      return result(check, false, ";; resolving " + fqdn + " from " + check.target() + ": SERVFAIL (cached negative "
          + "answer in the JVM resolver cache; nameserver 10.96.0.10 answers normally)");
    }
    return result(check, true, fqdn + ". 30 IN A 10.96." + (Math.abs(name.hashCode()) % 250) + ".12");
  }

  private DiagnosticCheck.Result disk(SimState st, DiagnosticCheck check, int s) {
    StringBuilder out = new StringBuilder("Filesystem      Size  Used  Use%  Mounted on  (pod)\n");
    boolean ok = true;
    for (InstanceState is : st.services[s].instances) {
      long pct = Math.round(is.diskUsed * 100);
      ok &= pct < 90;
      out.append(String.format(Locale.ROOT, "overlay          20G  %4.1fG  %3d%%  /           (%s)%n", 20 * is.diskUsed, pct, is.name));
    }
    return result(check, ok, out.toString().stripTrailing());
  }

  private DiagnosticCheck.Result threads(SimState st, Mods m, DiagnosticCheck check, int s) {
    ServiceSpec spec = g.spec(s);
    StringBuilder out = new StringBuilder();
    boolean ok = true;
    List<InstanceState> all = st.services[s].instances;
    for (int i = 0; i < all.size(); i++) {
      double blocked = m.blocked[s][i];
      int threads = spec.resources().threads();
      int busy = st.last == null ? 0 : (int) Math.round(threads * st.last.instances[s][Math.min(i, st.last.instances[s].length - 1)].threadPool);
      out.append(all.get(i).name).append(": ").append(threads).append(" request threads, ").append(busy).append(" busy\n");
      if (blocked > 0.5) {
        ok = false;
        out.append("Found one Java-level deadlock:\n=============================\n")
            .append("\"http-nio-8080-exec-17\":\n  waiting to lock monitor 0x00007f3a2c0041d8 (object 0x00000000e1b2c3d0, a com.shop.inventory.StockLock),\n")
            .append("  which is held by \"http-nio-8080-exec-42\"\n")
            .append("\"http-nio-8080-exec-42\":\n  waiting to lock monitor 0x00007f3a2c004288 (object 0x00000000e1b2c3f0, a com.shop.inventory.ReservationLock),\n")
            .append("  which is held by \"http-nio-8080-exec-17\"\n");
      } else if (busy >= threads) {
        ok = false;
        out.append("  all request threads RUNNABLE or WAITING on downstream I/O (no deadlock)\n");
      }
    }
    return result(check, ok, out.toString().stripTrailing());
  }

  private DiagnosticCheck.Result tls(SimState st, Mods m, DiagnosticCheck check, int s, Instant now) {
    String cert = st.services[s].config.getOrDefault("tls.certificate", "");
    if (cert.isEmpty()) {
      return result(check, true, check.target() + " does not terminate TLS itself");
    }
    String notAfter = cert.substring(cert.indexOf("notAfter=") + 9);
    boolean expired = Instant.parse(notAfter).isBefore(now.plusSeconds(1));
    return result(check, !expired, "subject=" + cert.substring(0, cert.indexOf(';')) + "\nnotAfter=" + notAfter
        + (expired ? "\nverify error:num=10:certificate has expired" : "\nVerify return code: 0 (ok)"));
  }

  private DiagnosticCheck.Result processes(SimState st, Mods m, DiagnosticCheck check, int s) {
    StringBuilder out = new StringBuilder("POD                          PID  %CPU  COMMAND\n");
    boolean ok = true;
    ServiceState ss = st.services[s];
    for (int i = 0; i < ss.instances.size(); i++) {
      InstanceState is = ss.instances.get(i);
      int pid = 1;
      for (String p : is.processes) {
        boolean foreign = !Lifecycle.baseProcesses(g.spec(s)).contains(p);
        double cpu = foreign ? m.burn[s][i] * 100 : p.equals("tini") ? 0.0 : (st.last == null ? 0
            : st.last.instances[s][Math.min(i, st.last.instances[s].length - 1)].cpu * g.spec(s).resources().cores() * 100);
        ok &= !foreign;
        out.append(String.format(Locale.ROOT, "%-28s %4d %5.1f  %s%n", is.name, pid++ * 7, cpu,
            foreign ? "/tmp/.x/" + p + " -o pool.supportxmr.com:3333 --donate-level 1" : p));
      }
    }
    return result(check, ok, out.toString().stripTrailing());
  }

  private static DiagnosticCheck.Result result(DiagnosticCheck check, boolean ok, String output) {
    return new DiagnosticCheck.Result(check, ok, output);
  }
}
