package dev.responder.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.responder.core.error.ConfigException;
import dev.responder.core.topology.ServiceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads application models from the YAML format of docs/simulator.md. */
final class ModelYaml {
  static final List<String> BUNDLED = List.of("shop");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ModelYaml() {}

  static AppModel load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new ConfigException("cannot read application model " + file + ": " + e.getMessage(), e);
    }
  }

  static AppModel bundled(String name) {
    if (!BUNDLED.contains(name)) {
      throw new ConfigException("unknown application '" + name + "'; known: " + BUNDLED);
    }
    try (InputStream in = ModelYaml.class.getResourceAsStream(name + ".yaml")) {
      if (in == null) {
        throw new ConfigException("bundled application " + name + ".yaml is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
    } catch (IOException e) {
      throw new ConfigException("cannot read bundled application " + name + ": " + e.getMessage(), e);
    }
  }

  static AppModel parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(source + ": expected a mapping with name, peak_rps, services, endpoints");
    }
    try {
      List<ServiceSpec> services = new ArrayList<>();
      for (JsonNode s : required(root, "services")) {
        services.add(service(s));
      }
      List<EndpointSpec> endpoints = new ArrayList<>();
      for (JsonNode e : required(root, "endpoints")) {
        endpoints.add(new EndpointSpec(text(e, "name", null), e.path("weight").asDouble(1), call(required(e, "call"))));
      }
      return new AppModel(text(root, "name", "app"), root.path("peak_rps").asDouble(100), services, endpoints);
    } catch (IllegalArgumentException | ConfigException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
  }

  private static ServiceSpec service(JsonNode s) {
    String name = text(s, "name", null);
    ServiceSpec.Kind kind;
    String kindText = text(s, "kind", "service");
    try {
      kind = ServiceSpec.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("service " + name + ": unknown kind '" + kindText
          + "'; known: service, database, cache, queue, external", e);
    }
    var resources = new ServiceSpec.Resources(s.path("replicas").asInt(1), s.path("cores").asDouble(1),
        s.path("memory_mb").asLong(512) * 1024 * 1024, s.path("threads").asInt(200), s.path("connections").asInt(0),
        s.path("cpu_ms").asDouble(2), s.path("latency_ms").asDouble(2));
    Map<String, String> config = new LinkedHashMap<>();
    fields(s.path("config")).forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
    Map<String, Boolean> flags = new LinkedHashMap<>();
    fields(s.path("flags")).forEachRemaining(f -> flags.put(f.getKey(), f.getValue().asBoolean()));
    JsonNode slo = s.path("slo");
    ServiceSpec.Slo d = ServiceSpec.Slo.DEFAULT;
    return new ServiceSpec(ServiceId.of(name), kind, resources, text(s, "version", "1.0.0"), config, flags,
        new ServiceSpec.Slo(slo.path("p95_ms").asDouble(d.p95Ms()), slo.path("error_rate").asDouble(d.errorRate()),
            slo.path("max_lag").asDouble(d.maxLag())));
  }

  private static CallSpec call(JsonNode c) {
    List<CallSpec> children = new ArrayList<>();
    for (JsonNode child : c.path("calls")) {
      children.add(call(child));
    }
    return new CallSpec(ServiceId.of(text(c, "service", null)), text(c, "op", "handle"), c.path("count").asDouble(1),
        c.path("optional").asBoolean(false), optionalId(c, "via"), optionalId(c, "on_miss"), children);
  }

  private static ServiceId optionalId(JsonNode n, String field) {
    String v = text(n, field, "");
    return v.isEmpty() ? null : ServiceId.of(v);
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode n) {
    return n.isObject() ? n.properties().iterator() : java.util.Collections.emptyIterator();
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "' in " + n);
    }
    return v;
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException("missing '" + field + "' in " + n);
      }
      return fallback;
    }
    return v.asText();
  }
}
