package io.fnorders.platform.web;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.web.constants.WebRequestConstants;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring Cloud Function's own handler mapping, with each exposed function looked up once instead of
 * on every request. Upstream's {@code FunctionHandlerMapping} (5.0.5) asks the
 * {@link FunctionCatalog} on every call, and the registry answers under one global lock
 * ({@code BeanFactoryAwareFunctionRegistry.lookup}); for {@code GET /product/X} it first looks up
 * {@code product/X}, which always misses, then {@code product}. So every request of every function
 * queued on that lock. This mapping comes just before upstream's and leaves the same request
 * attributes for the adapter's {@link FunctionController}, which does the rest as before. It
 * resolves only the names of the exposure table (so its cache is as small as that table) and
 * leaves every other path to upstream's mapping.
 */
final class ResolvedFunctionHandlerMapping extends RequestMappingHandlerMapping {

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

	private final FunctionCatalog catalog;

	private final Set<String> exposed;

	private final FunctionController controller;

	private final Map<String, Optional<FunctionInvocationWrapper>> resolved = new ConcurrentHashMap<>();

	ResolvedFunctionHandlerMapping(FunctionCatalog catalog, FunctionExposure exposure, FunctionController controller,
			int order) {
		this.catalog = catalog;
		this.exposed = Set.copyOf(exposure.functions());
		this.controller = controller;
		setOrder(order);
	}

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		detectHandlerMethods(this.controller);
	}

	/** Only the adapter's controller: the application's own controllers have their own mapping. */
	@Override
	protected void initHandlerMethods() {
	}

	@Override
	protected @Nullable HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
		if (!METHODS.contains(request.getMethod())) {
			return null;
		}
		HandlerMethod handler = super.getHandlerInternal(request);
		if (handler == null
				|| !(request.getAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE) instanceof String within)) {
			return null;
		}
		String path = within.startsWith("/") ? within.substring(1) : within;
		String name = FunctionExposure.functionOf(path);
		FunctionInvocationWrapper function = this.exposed.contains(name) ? resolve(name) : null;
		if (function == null) {
			return null;
		}
		String argument = path.length() > name.length() ? path.substring(name.length() + 1) : null;
		// the attributes upstream's mapping leaves: the controller reads HANDLER and ARGUMENT
		boolean supplier = argument == null && "GET".equals(request.getMethod()) && function.isSupplier();
		request.setAttribute(supplier ? WebRequestConstants.SUPPLIER : WebRequestConstants.FUNCTION, function);
		if (argument != null) {
			request.setAttribute(WebRequestConstants.ARGUMENT, argument);
		}
		request.setAttribute(WebRequestConstants.HANDLER, function);
		return handler;
	}

	private @Nullable FunctionInvocationWrapper resolve(String name) {
		return this.resolved
			.computeIfAbsent(name, key -> Optional.ofNullable(this.catalog.<FunctionInvocationWrapper>lookup(key)))
			.orElse(null);
	}

}
