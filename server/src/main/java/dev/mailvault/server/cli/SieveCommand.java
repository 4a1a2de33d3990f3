package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.SieveScriptException;
import dev.mailvault.directory.SieveScriptInfo;
import dev.mailvault.server.admin.SieveScripts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mailvault sieve put|get|check|list|activate|delete}: an alias's Sieve scripts (RFC 5228,
 * ADR 0249), the same ones ManageSieve manages. A script is compiled before it is stored; one with
 * an error is refused with {@code line N: reason}.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "sieve",
    description = "Manage the aliases' Sieve scripts (the filters the MX runs at delivery).",
    subcommands = {
      SieveCommand.Put.class,
      SieveCommand.Get.class,
      SieveCommand.Check.class,
      SieveCommand.ListScripts.class,
      SieveCommand.Activate.class,
      SieveCommand.Delete.class
    })
final class SieveCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  /** A script file as text: UTF-8 (RFC 5228 §2.1), refused when it is not. */
  static String read(Path file) throws MailvaultException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new MailvaultException("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new MailvaultException("cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new MailvaultException("cannot read " + file);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MailvaultException(file + " is not UTF-8");
    }
  }

  /** The name a file's script gets without --name: the file name without a .sieve ending. */
  static String defaultName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".sieve") && name.length() > 6
        ? name.substring(0, name.length() - 6)
        : name;
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "put",
      description = "Store FILE as one of ADDRESS's scripts (replacing one of that name).")
  static final class Put implements Callable<Integer> {
    @ParentCommand SieveCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "Script name (default: FILE's name without .sieve).")
    String name;

    @Option(names = "--activate", description = "Make it the active script.")
    boolean activate;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      String text = read(file);
      String scriptName = name != null ? name : defaultName(file);
      try (AdminSession admin = parent.top.openAdmin()) {
        new SieveScripts(admin.directory).put(alias, scriptName, text, activate);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("alias", alias.toString());
      data.put("name", scriptName);
      data.put("active", activate);
      parent
          .top
          .output()
          .result(
              "stored script '" + scriptName + "' of " + alias + (activate ? " (active)" : ""),
              data);
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "get",
      description = "Print one of ADDRESS's scripts: NAME, or the active one.")
  static final class Get implements Callable<Integer> {
    @ParentCommand SieveCommand parent;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "NAME", arity = "0..1")
    String name;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      Optional<String> text;
      try (AdminSession admin = parent.top.openAdmin()) {
        if (name == null) {
          admin.directory.sieveScripts(alias);
          text = admin.directory.activeSieveScript(alias);
          if (text.isEmpty()) {
            throw new MailvaultException("no script is active");
          }
        } else {
          text = admin.directory.sieveScript(alias, name);
          if (text.isEmpty()) {
            throw new SieveScriptException(SieveScriptException.Reason.NO_SUCH_SCRIPT);
          }
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(text.get());
      out.flush();
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "check",
      description = "Compile a script without storing it: `check FILE` or `check ADDRESS FILE`.")
  static final class Check implements Callable<Integer> {
    @ParentCommand SieveCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS|FILE")
    String first;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1")
    String second;

    @Override
    public Integer call() throws Exception {
      if (second != null) {
        // Issue 15 writes `sieve check ADDRESS FILE`: the address must exist, the file compile.
        EmailAddress alias = EmailAddress.parse(first);
        try (AdminSession admin = parent.top.openAdmin()) {
          admin.directory.sieveScripts(alias);
        }
      }
      Path file = Path.of(second != null ? second : first);
      SieveScripts.check(read(file));
      parent.top.output().result(file + ": valid", Map.of("file", file.toString(), "valid", true));
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List ADDRESS's scripts; the active one is marked.")
  static final class ListScripts implements Callable<Integer> {
    @ParentCommand SieveCommand parent;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      List<SieveScriptInfo> scripts;
      try (AdminSession admin = parent.top.openAdmin()) {
        scripts = admin.directory.sieveScripts(alias);
      }
      List<Map<String, ?>> rows =
          scripts.stream()
              .<Map<String, ?>>map(
                  s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", s.name());
                    row.put("active", s.active());
                    row.put("octets", s.octets());
                    row.put("updated", s.updated().toString());
                    return row;
                  })
              .toList();
      parent.top.output().table(List.of("name", "active", "octets", "updated"), rows, "no scripts");
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "activate",
      description = "Make NAME ADDRESS's active script, or with --none leave none active.")
  static final class Activate implements Callable<Integer> {
    @ParentCommand SieveCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "NAME", arity = "0..1")
    String scriptName;

    @Option(names = "--none", description = "Deactivate; no script runs at delivery.")
    boolean none;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if ((scriptName == null) == !none) {
        throw new ParameterException(spec.commandLine(), "give either NAME or --none");
      }
      EmailAddress alias = EmailAddress.parse(address);
      Optional<String> name = Optional.ofNullable(scriptName);
      try (AdminSession admin = parent.top.openAdmin()) {
        admin.directory.setActiveSieveScript(alias, name);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("alias", alias.toString());
      data.put("active", name.orElse(null));
      parent
          .top
          .output()
          .result(
              name.map(n -> "script '" + n + "' of " + alias + " is active")
                  .orElse("no script of " + alias + " is active"),
              data);
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "delete",
      description = "Delete one of ADDRESS's scripts (not the active one).")
  static final class Delete implements Callable<Integer> {
    @ParentCommand SieveCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      try (AdminSession admin = parent.top.openAdmin()) {
        admin.directory.deleteSieveScript(alias, name);
      }
      parent
          .top
          .output()
          .result(
              "deleted script '" + name + "' of " + alias,
              Map.of("alias", alias.toString(), "name", name, "deleted", true));
      return 0;
    }
  }
}
