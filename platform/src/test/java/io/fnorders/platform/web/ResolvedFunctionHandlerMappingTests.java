package io.fnorders.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.web.FunctionHttpProperties;
import org.springframework.cloud.function.web.constants.WebRequestConstants;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.util.ServletRequestPathUtils;

class ResolvedFunctionHandlerMappingTests {

	private final FunctionInvocationWrapper product = function(false);

	private final FunctionInvocationWrapper products = function(true);

	private final CountingCatalog catalog = new CountingCatalog(
			Map.of("product", this.product, "products", this.products, "reserveStock", function(false)));

	private ResolvedFunctionHandlerMapping mapping;

	@BeforeEach
	void mapping() {
		StaticWebApplicationContext context = new StaticWebApplicationContext();
		context.setServletContext(new MockServletContext());
		context.refresh();
		this.mapping = new ResolvedFunctionHandlerMapping(this.catalog,
				FunctionExposure.of("product;products", "saveProduct", null, null),
				new FunctionController(new FunctionHttpProperties()), 0);
		this.mapping.setApplicationContext(context);
		this.mapping.afterPropertiesSet();
	}

	@Test
	void looksEachExposedFunctionUpOnceWhateverItsArgument() throws Exception {
		for (String sku : List.of("SKU-1", "SKU-2", "SKU-3")) {
			MockHttpServletRequest request = request("GET", "/product/" + sku);

			assertThat(handler(request)).isNotNull();
			assertThat(request.getAttribute(WebRequestConstants.HANDLER)).isSameAs(this.product);
			assertThat(request.getAttribute(WebRequestConstants.FUNCTION)).isSameAs(this.product);
			assertThat(request.getAttribute(WebRequestConstants.ARGUMENT)).isEqualTo(sku);
		}
		// never the whole path ("product/SKU-1"), which upstream's mapping asked first every time
		assertThat(this.catalog.lookups).containsExactly("product");
	}

	@Test
	void handsASupplierCalledWithoutArgumentOverAsASupplier() throws Exception {
		MockHttpServletRequest request = request("GET", "/products");

		assertThat(handler(request)).isNotNull();
		assertThat(request.getAttribute(WebRequestConstants.SUPPLIER)).isSameAs(this.products);
		assertThat(request.getAttribute(WebRequestConstants.HANDLER)).isSameAs(this.products);
		assertThat(request.getAttribute(WebRequestConstants.ARGUMENT)).isNull();
	}

	@Test
	void leavesWhatIsNotAnExposedFunctionToUpstreamsMapping() throws Exception {
		// a function of this service that is not exposed, a name of none, and a method upstream does not serve
		assertThat(handler(request("GET", "/reserveStock/x"))).isNull();
		assertThat(handler(request("GET", "/nothing"))).isNull();
		assertThat(handler(request("PATCH", "/product/SKU-1"))).isNull();
		// an exposed name the catalog does not have (the start-up check refuses it) is asked once
		assertThat(handler(request("POST", "/saveProduct"))).isNull();
		assertThat(handler(request("POST", "/saveProduct"))).isNull();
		assertThat(this.catalog.lookups).containsExactly("saveProduct");
	}

	private @Nullable HandlerExecutionChain handler(MockHttpServletRequest request) throws Exception {
		return this.mapping.getHandler(request);
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setContentType("application/json");
		// what the DispatcherServlet does before asking the mappings
		ServletRequestPathUtils.parseAndCache(request);
		return request;
	}

	private static FunctionInvocationWrapper function(boolean supplier) {
		FunctionInvocationWrapper function = mock(FunctionInvocationWrapper.class);
		when(function.isSupplier()).thenReturn(supplier);
		return function;
	}

	/** A catalog that records every name it is asked for. */
	private static final class CountingCatalog implements FunctionCatalog {

		private final Map<String, FunctionInvocationWrapper> functions;

		private final List<String> lookups = new ArrayList<>();

		CountingCatalog(Map<String, FunctionInvocationWrapper> functions) {
			this.functions = functions;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T lookup(@Nullable Class<?> type, String definition, String... acceptedOutputMimeTypes) {
			this.lookups.add(definition);
			return (T) this.functions.get(definition);
		}

		@Override
		public Set<String> getNames(@Nullable Class<?> type) {
			return this.functions.keySet();
		}

	}

}
