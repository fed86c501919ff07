package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.app.config.ResponderConfig;
import dev.responder.core.error.ConfigException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ResponderServerTest {

  @Test
  void aPortInUse_isAClearConfigurationError_namingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
         Storage storage = Storage.open(ResponderConfig.defaults().withStore(":memory:"))) {
      ResponderConfig config = ResponderConfig.defaults().withStore(":memory:").withPort(taken.getLocalPort());
      assertThatThrownBy(() -> ResponderServer.start(config, storage, Clock.systemUTC()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("cannot serve on 127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("0 picks a free one");
    }
  }
}
