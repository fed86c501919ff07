package dev.responder.app.otlp;

import dev.responder.core.topology.ServiceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/** Who emitted a resource's telemetry: the service (required) and the instance (may be empty). */
record ResourceInfo(ServiceId service, String instance) {
  private static final int MAX_SERVICE_NAME = 255;

  /** Reads {@code service.name} and {@code service.instance.id} (else {@code host.name}). */
  static ResourceInfo of(Resource resource, int index) {
    String service = null;
    String instanceId = null;
    String host = null;
    List<KeyValue> attributes = resource.getAttributesList();
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      switch (kv.getKey()) {
        case "service.name" -> service = text(kv.getValue());
        case "service.instance.id" -> instanceId = text(kv.getValue());
        case "host.name" -> host = text(kv.getValue());
        default -> { }
      }
    }
    if (service == null || service.isBlank()) {
      throw new Rejection(RejectReason.MISSING_SERVICE_NAME, "resource " + index + " has "
          + (service == null ? "no" : "an empty") + " service.name attribute");
    }
    if (service.length() > MAX_SERVICE_NAME) {
      throw new Rejection(RejectReason.INVALID_DATA, "resource " + index + " has a service.name of "
          + service.length() + " characters; at most " + MAX_SERVICE_NAME + " are allowed");
    }
    String instance = instanceId != null && !instanceId.isBlank() ? instanceId : host;
    return new ResourceInfo(ServiceId.of(service), instance == null ? "" : instance);
  }

  private static String text(AnyValue value) {
    return AnyValues.text(value).trim();
  }
}
