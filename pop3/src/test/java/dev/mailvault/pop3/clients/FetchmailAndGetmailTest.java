package dev.mailvault.pop3.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.pop3.server.LivePop3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetchmail and getmail, the programs people run to pull POP3 mail into a local mailbox: over POP3S
 * and over STLS, verifying the test certificate, each message delivered once.
 */
class FetchmailAndGetmailTest {

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void fetchmailOverPop3sAndStls() throws Exception {
    assumeTrue(ExternalProgram.installed("fetchmail"), "fetchmail is not installed");
    try (LivePop3Server server = LivePop3Server.start(data)) {
      ClientSetup.twoMessages(server);
      Path pem = ClientSetup.pem(work);
      String implicit = fetchmail(server.tlsPort(), "ssl", pem, "pop3s.mbox");
      assertThat(implicit).contains("2 messages");
      String stls = fetchmail(server.port(), "sslproto TLS1.2+", pem, "stls.mbox");
      assertThat(stls).contains("2 messages");
      for (String mbox : List.of("pop3s.mbox", "stls.mbox")) {
        String got = Files.readString(work.resolve(mbox));
        assertThat(got)
            .as(mbox)
            .contains("Subject: first", "Hello.", "Subject: second", "\n.leading dot\n")
            .contains("\n..two dots\n");
      }
    }
  }

  @Test
  void getmailOverPop3s() throws Exception {
    assumeTrue(ExternalProgram.installed("getmail"), "getmail is not installed");
    try (LivePop3Server server = LivePop3Server.start(data)) {
      ClientSetup.twoMessages(server);
      Path pem = ClientSetup.pem(work);
      Path mbox = work.resolve("getmail.mbox");
      Files.createFile(mbox);
      Path rc = work.resolve("getmailrc");
      Files.writeString(
          rc,
          "[retriever]\n"
              + "type = SimplePOP3SSLRetriever\n"
              + "server = localhost\n"
              + "port = "
              + server.tlsPort()
              + "\n"
              + "username = "
              + ClientSetup.USER
              + "\n"
              + "password = "
              + LivePop3Server.PASSWORD
              + "\n"
              + "ca_certs = "
              + pem
              // An external MDA: getmail's own mbox and Maildir refuse to deliver as root, which a
              // container's test run may be.
              + "\n\n[destination]\ntype = MDA_external\npath = /bin/sh\n"
              + "arguments = (\"-c\", \"cat >> "
              + mbox
              + "\")\nallow_root_commands = true\n"
              + "\n[options]\nread_all = false\ndelete = false\n");
      Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
      List<String> command =
          List.of("getmail", "--getmaildir", work.toString(), "--rcfile", rc.toString());
      String first =
          ExternalProgram.run(
                  work, Map.of("HOME", work.toString()), Duration.ofSeconds(60), command)
              .requireSuccess()
              .output();
      assertThat(first).contains("2 messages (");
      String mail = Files.readString(mbox);
      assertThat(mail).contains("Subject: first", "Subject: second", "\n.leading dot\n");
      // getmail remembers what it has by UIDL: a second run fetches nothing new.
      String second =
          ExternalProgram.run(
                  work, Map.of("HOME", work.toString()), Duration.ofSeconds(60), command)
              .requireSuccess()
              .output();
      assertThat(second).contains("0 messages (");
      assertThat(Files.readString(mbox)).isEqualTo(mail);
    }
  }

  private String fetchmail(int port, String tls, Path pem, String mbox) throws Exception {
    Path rc = work.resolve("fetchmailrc-" + port);
    Files.writeString(
        rc,
        "set no syslog\n"
            + "poll localhost via 127.0.0.1 with proto POP3 port "
            + port
            + " uidl\n"
            + "  user \""
            + ClientSetup.USER
            + "\" there with password \""
            + LivePop3Server.PASSWORD
            + "\" is tester here\n"
            + "  "
            + tls
            + " sslcertck sslcertfile \""
            + pem
            + "\" sslcommonname localhost\n"
            + "  keep mda \"/bin/sh -c 'cat >> "
            + work.resolve(mbox)
            + "'\"\n");
    Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
    return ExternalProgram.run(
            work,
            Map.of("HOME", work.toString(), "FETCHMAILHOME", work.toString()),
            Duration.ofSeconds(60),
            List.of(
                "fetchmail",
                "-f",
                rc.toString(),
                "--nodetach",
                "-v",
                "--idfile",
                work.resolve("fetchids-" + port).toString()))
        .requireSuccess()
        .output();
  }
}
