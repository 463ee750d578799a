package io.fnorders.platform.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import reactor.core.publisher.Mono;

/**
 * Answers a function call on the request's own thread when its result is already there.
 * Spring Cloud Function's controller (5.0.5) wraps even an imperative function's result in a
 * {@link Mono}, which Spring MVC always answers asynchronously: it starts async processing and
 * dispatches the request through the container and every filter a second time, about a fifth of
 * a catalog read in a profile. A {@code Mono} that completes as it is subscribed (every
 * imperative function's) is unwrapped here and its value written as the async dispatch would
 * have written it; one that does not complete at once (a reactive function) goes on
 * asynchronously, subscribed once. Streams ({@code Flux}) are left to Spring MVC.
 */
final class SynchronousResultHandler implements AsyncHandlerMethodReturnValueHandler {

	private final HandlerMethodReturnValueHandler delegates;

	private final FunctionController controller;

	/** Each controller method as a handler method, for the return type of an unwrapped value. */
	private final Map<Method, HandlerMethod> methods = new ConcurrentHashMap<>();

	/**
	 * @param delegates the adapter's own handlers, which write the unwrapped value (or the
	 * asynchronous remainder)
	 * @param controller Spring Cloud Function's controller, whose methods it answers for
	 */
	SynchronousResultHandler(HandlerMethodReturnValueHandler delegates, FunctionController controller) {
		this.delegates = delegates;
		this.controller = controller;
	}

	/**
	 * The controller's methods declared to return {@code Object} (get, post, put, form): what they
	 * return is a function's result. Its stream methods declare their publishers' types and are
	 * left alone.
	 */
	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		Method method = returnType.getMethod();
		return FunctionController.class.equals(returnType.getContainingClass()) && method != null
				&& Object.class.equals(method.getReturnType());
	}

	@Override
	public boolean isAsyncReturnValue(@Nullable Object returnValue, MethodParameter returnType) {
		return returnValue instanceof Mono<?> && supportsReturnType(returnType);
	}

	@Override
	public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			ModelAndViewContainer mavContainer, NativeWebRequest webRequest) throws Exception {
		if (!(returnValue instanceof Mono<?> mono)) {
			this.delegates.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
			return;
		}
		CompletableFuture<?> result = mono.toFuture();
		if (!result.isDone()) {
			this.delegates.handleReturnValue(Mono.fromFuture(result), returnType, mavContainer, webRequest);
			return;
		}
		Object value;
		try {
			value = result.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		HandlerMethod method = this.methods.computeIfAbsent(returnType.getMethod(),
				key -> new HandlerMethod(this.controller, key));
		this.delegates.handleReturnValue(value, method.getReturnValueType(value), mavContainer, webRequest);
	}

}
