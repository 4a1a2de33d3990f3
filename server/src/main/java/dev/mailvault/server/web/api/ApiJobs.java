package dev.mailvault.server.web.api;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.web.WebException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Long API operations (backup create, restore) run here, off the request (ADR 0260): the request
 * answers 202 with a job at once, the client polls {@code /api/v1/jobs/{id}}. A job's result is the
 * operation's JSON; its error is the code and message the request would have answered. Jobs are
 * kept an hour after they end, at most {@link #MAX} at a time.
 */
final class ApiJobs implements AutoCloseable {

  static final int MAX = 64;
  static final Duration KEEP = Duration.ofHours(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The work of a job: the result's JSON. */
  @FunctionalInterface
  interface Work {
    Map<String, ?> run() throws MailvaultException;
  }

  private final Clock clock;
  private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
  private final ExecutorService runner =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "api-jobs");
            t.setDaemon(true);
            return t;
          });

  ApiJobs(Clock clock) {
    this.clock = clock;
  }

  /** Starts a job for {@code owner} (a token id); {@code cleanup} runs when it ends. */
  Map<String, Object> start(String owner, String kind, Work work, Runnable cleanup)
      throws WebException {
    sweep();
    if (jobs.size() >= MAX) {
      cleanup.run();
      throw new WebException(503, "busy", "too many jobs; try again later");
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Job job = new Job(id, owner, kind, clock.instant());
    jobs.put(id, job);
    runner.execute(
        () -> {
          try {
            job.result.set(work.run());
            job.state.set("done");
          } catch (MailvaultException e) {
            WebException mapped = ApiErrors.map(e);
            job.error.set(Map.of("error", mapped.code(), "message", mapped.getMessage()));
            job.state.set("failed");
          } catch (RuntimeException e) {
            job.error.set(Map.of("error", "internal", "message", "internal error"));
            job.state.set("failed");
          } finally {
            job.ended.set(clock.instant());
            cleanup.run();
          }
        });
    return job.view();
  }

  Optional<Map<String, Object>> find(String id, String owner) {
    sweep();
    Job job = jobs.get(id);
    return job == null || !job.owner.equals(owner) ? Optional.empty() : Optional.of(job.view());
  }

  private void sweep() {
    Instant now = clock.instant();
    for (Job job : new ArrayList<>(jobs.values())) {
      Instant ended = job.ended.get();
      if (ended != null && !now.isBefore(ended.plus(KEEP))) {
        jobs.remove(job.id, job);
      }
    }
  }

  private static final class Job {
    final String id;
    final String owner;
    final String kind;
    final Instant created;
    final AtomicReference<String> state = new AtomicReference<>("running");
    final AtomicReference<Map<String, ?>> result = new AtomicReference<>();
    final AtomicReference<Map<String, ?>> error = new AtomicReference<>();
    final AtomicReference<Instant> ended = new AtomicReference<>();

    Job(String id, String owner, String kind, Instant created) {
      this.id = id;
      this.owner = owner;
      this.kind = kind;
      this.created = created;
    }

    Map<String, Object> view() {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", id);
      view.put("kind", kind);
      // The result is set before the state, so a reader that sees done sees the result.
      String s = state.get();
      view.put("state", s);
      view.put("created", created.toString());
      if ("done".equals(s)) {
        view.put("result", result.get());
      } else if ("failed".equals(s)) {
        view.put("error", error.get());
      }
      return view;
    }
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }
}
