package dev.mailvault.server.web.api;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.server.app.AliasOperations;
import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebResponse;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/aliases}: list, add (the generated password in the 201 body, once), show, remove,
 * password change and reset, quota, mode, forward targets and send-as addresses.
 */
final class AliasApi {

  private AliasApi() {}

  static void register(ApiRoutes api) {
    AliasOperations aliases = api.aliases;
    api.get(
        "/aliases",
        (request, token) -> {
          Optional<String> domain = request.query("domain");
          DomainName only = domain.isPresent() ? ApiRoutes.domain(domain.get()) : null;
          return ApiRoutes.ok(aliases.list(only).stream().map(ApiViews::alias).toList());
        });
    api.post(
        "/aliases",
        (request, token) -> {
          ApiBody body = ApiBody.of(request);
          EmailAddress address = ApiRoutes.parseAddress(body.text("address", ApiBody.MAX_ADDRESS));
          char[] chosen = body.password("password");
          try (NewAlias alias = aliases.add(address, chosen)) {
            Map<String, Object> out = ApiViews.alias(aliases.get(address));
            alias.generatedPassword().ifPresent(pw -> out.put("password", new String(pw)));
            return WebResponse.json(201, out)
                .header("Location", ApiRoutes.BASE + "/aliases/" + alias.address())
                .header("Cache-Control", "no-store");
          } finally {
            wipe(chosen);
          }
        });
    api.get(
        "/aliases/{address}",
        (request, token) ->
            ApiRoutes.ok(ApiViews.alias(aliases.get(ApiRoutes.address(request, "address")))));
    api.delete(
        "/aliases/{address}",
        (request, token) ->
            ApiRoutes.ok(ApiViews.removal(aliases.remove(ApiRoutes.address(request, "address")))));
    api.post(
        "/aliases/{address}/password",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          ApiBody body = ApiBody.of(request);
          char[] old = body.password("oldPassword");
          char[] chosen = body.password("newPassword");
          try {
            if (old == null) {
              throw WebException.badRequest("the field 'oldPassword' is required");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("address", address.toString());
            if (chosen != null) {
              aliases.changePassword(address, old, chosen);
            } else {
              char[] generated = aliases.changePassword(address, old);
              out.put("password", new String(generated));
              wipe(generated);
            }
            return ApiRoutes.ok(out).header("Cache-Control", "no-store");
          } finally {
            wipe(old);
            wipe(chosen);
          }
        });
    api.post(
        "/aliases/{address}/reset",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          ApiBody body = ApiBody.of(request);
          if (!body.flag("discardMail", false)) {
            throw WebException.badRequest(
                "a reset discards every message; confirm with \"discardMail\": true");
          }
          char[] chosen = body.password("password");
          try (ResetAlias reset = aliases.reset(address, chosen)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("address", address.toString());
            reset.alias().generatedPassword().ifPresent(pw -> out.put("password", new String(pw)));
            return ApiRoutes.ok(out).header("Cache-Control", "no-store");
          } finally {
            wipe(chosen);
          }
        });
    api.put(
        "/aliases/{address}/quota",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          ApiBody body = ApiBody.of(request);
          aliases.setQuota(
              address,
              new QuotaLimits(body.optionalCount("maxBytes"), body.optionalCount("maxMessages")));
          return ApiRoutes.ok(ApiViews.alias(aliases.get(address)));
        });
    api.put(
        "/aliases/{address}/mode",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          DeliveryMode mode = AliasOperations.parseMode(ApiBody.of(request).text("mode", 16));
          aliases.setMode(address, mode);
          return ApiRoutes.ok(
              Map.of("address", address.toString(), "mode", AliasOperations.modeName(mode)));
        });
    api.get(
        "/aliases/{address}/forwards",
        (request, token) ->
            ApiRoutes.ok(
                aliases.forwards(ApiRoutes.address(request, "address")).stream()
                    .map(ApiViews::forward)
                    .toList()));
    api.post(
        "/aliases/{address}/forwards",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          String target = ApiBody.of(request).text("target", ApiBody.MAX_TARGET);
          AddedForward added = aliases.addForward(address, target);
          Map<String, Object> out = ApiViews.forward(added.target());
          out.put("added", added.added());
          added
              .newSecret()
              .ifPresent(
                  secret -> {
                    out.put("webhookSecret", HexFormat.of().formatHex(secret));
                    Arrays.fill(secret, (byte) 0);
                  });
          return WebResponse.json(added.added() ? 201 : 200, out)
              .header("Cache-Control", "no-store");
        });
    api.delete(
        "/aliases/{address}/forwards/{target}",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          String target = request.pathParam("target");
          if (target.length() > ApiBody.MAX_TARGET) {
            throw WebException.badRequest("a target is at most " + ApiBody.MAX_TARGET + " long");
          }
          if (!aliases.removeForward(address, target)) {
            throw WebException.notFound("the alias has no forward target " + target);
          }
          return ApiRoutes.ok(Map.of("address", address.toString(), "removed", target));
        });
    api.get(
        "/aliases/{address}/send-as",
        (request, token) ->
            ApiRoutes.ok(
                aliases.sendAs(ApiRoutes.address(request, "address")).stream()
                    .map(EmailAddress::toString)
                    .toList()));
    api.post(
        "/aliases/{address}/send-as",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          EmailAddress from =
              ApiRoutes.parseAddress(ApiBody.of(request).text("address", ApiBody.MAX_ADDRESS));
          boolean added = aliases.addSendAs(address, from);
          return WebResponse.json(
              added ? 201 : 200,
              Map.of("address", address.toString(), "sendAs", from.toString(), "added", added));
        });
    api.delete(
        "/aliases/{address}/send-as/{from}",
        (request, token) -> {
          EmailAddress address = ApiRoutes.address(request, "address");
          EmailAddress from = ApiRoutes.address(request, "from");
          if (!aliases.removeSendAs(address, from)) {
            throw WebException.notFound(address + " may not send as " + from);
          }
          return ApiRoutes.ok(Map.of("address", address.toString(), "removed", from.toString()));
        });
  }

  private static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
