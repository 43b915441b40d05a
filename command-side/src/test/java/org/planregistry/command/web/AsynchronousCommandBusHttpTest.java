package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The command side's answer (global sequence, version, ETag) comes from the command's result, not from the thread
 * that sent it: here every command is handled on a thread of an asynchronous command bus, never on the request's.
 */
class AsynchronousCommandBusHttpTest extends CommandSideTest {

    private static final String HANDLER_THREAD = "async-command-";
    private static final List<String> HANDLING_THREADS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class AsynchronousBus {

        @Bean(destroyMethod = "shutdownNow")
        ExecutorService commandThreads() {
            AtomicInteger threads = new AtomicInteger();
            return Executors.newFixedThreadPool(2, task -> {
                Thread thread = new Thread(task, HANDLER_THREAD + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        @Bean
        CommandBus asynchronousCommandBus(TransactionManager transactionManager, ExecutorService commandThreads,
                                          List<CorrelationDataProvider> correlationDataProviders) {
            AsynchronousCommandBus bus = AsynchronousCommandBus.builder().transactionManager(transactionManager)
                    .executor(commandThreads).build();
            bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders));
            bus.registerHandlerInterceptor((unitOfWork, chain) -> {
                HANDLING_THREADS.add(Thread.currentThread().getName());
                return chain.proceed();
            });
            return bus;
        }
    }

    @Autowired
    private CommandBus commandBus;

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    @Test
    void theAnswerCarriesThePositionAndVersionOfTheCommandHandledOnAnotherThread() {
        assertThat(commandBus).isInstanceOf(AsynchronousCommandBus.class);
        ResponseEntity<Map> adopted = registrar().postForEntity("/api/plans", json("""
                {"code": "HTTP-ASYNC", "title": "异步命令总线", "adoptedOn": "2022-01-01",
                 "period": {"from": 2021, "to": 2025}}"""), Map.class);
        assertThat(adopted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(adopted.getBody()).containsEntry("version", 0);
        assertThat(adopted.getHeaders().getETag()).isEqualTo("\"0\"");
        assertAnswerIsTheStoredEvent(adopted, "PlanAdoptedEvent", 0);

        for (int version = 1; version <= 3; version++) {
            ResponseEntity<Map> goal = registrar().postForEntity("/api/plans/HTTP-ASYNC/goals", json("""
                    {"code": "G%d", "title": "目标 %d"}""".formatted(version, version)), Map.class);
            assertThat(goal.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(goal.getBody()).containsEntry("version", version);
            assertThat(goal.getHeaders().getETag()).isEqualTo("\"" + version + "\"");
            assertAnswerIsTheStoredEvent(goal, "GoalAdoptedEvent", version);
        }
        assertThat(HANDLING_THREADS).hasSize(4).allSatisfy(thread -> assertThat(thread).startsWith(HANDLER_THREAD));
    }

    /** The answer's global sequence is the stored event of the plan at the answer's version. */
    private void assertAnswerIsTheStoredEvent(ResponseEntity<Map> answer, String type, long version) {
        String element = version == 0 ? "plan HTTP-ASYNC" : "goal G" + version;
        StoredEvent stored = StoredEvent.answering(database, answer, "HTTP-ASYNC", element,
                version == 0 ? "HTTP-ASYNC" : null).isA(type).by("registrar", "REGISTRAR");
        assertThat(stored.sequenceNumber()).isEqualTo(version);
        if (version > 0) {
            stored.has("goalCode", "G" + version).has("title", "目标 " + version);
        }
    }
}
