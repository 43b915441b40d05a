package org.planregistry.command.plan;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planregistry.eventstore.AppendedEvents;

/**
 * Puts what a command appended into the command's result, so the sender learns the global sequence and the plan's
 * version from the result message, whichever thread the command bus handled it on.
 *
 * <p>The events are appended when the command's unit of work commits, after the handler has returned; the result
 * therefore carries the unit of work's {@link AppendedEvents}, which the engine fills during that commit. The
 * sender receives the result only after the commit, so by then it holds the numbers.
 */
final class AppendsInResult implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** A command handler's own result together with what its unit of work appended. */
    record Outcome(Object result, AppendedEvents appended) {
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        AppendedEvents appended = AppendedEvents.of(unitOfWork);
        return new Outcome(interceptorChain.proceed(), appended);
    }
}
