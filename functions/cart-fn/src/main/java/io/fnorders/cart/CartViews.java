package io.fnorders.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.fnorders.cart.shopping.Cart;
import io.fnorders.cart.shopping.CartLine;
import io.fnorders.cart.shopping.Order;
import org.jspecify.annotations.Nullable;

/** What cart-fn's functions answer. */
final class CartViews {

	private CartViews() {
	}

	record LineView(String sku, String name, BigDecimal unitPrice, int quantity, BigDecimal lineTotal) {

		static LineView of(CartLine line) {
			return new LineView(line.sku().value(), line.name(), line.unitPrice().amount(), line.quantity(),
					line.lineTotal().amount());
		}

	}

	/** A cart; an empty one has no lines, a total of 0 and no currency. */
	record CartView(String customerId, List<LineView> lines, BigDecimal total, @Nullable String currency) {

		static CartView of(Cart cart) {
			return new CartView(cart.customerId(), cart.lines().stream().map(LineView::of).toList(),
					cart.total().map(total -> total.amount()).orElse(BigDecimal.ZERO),
					cart.currency().map(currency -> currency.getCurrencyCode()).orElse(null));
		}

	}

	record OrderView(String orderId, String customerId, String status, @Nullable String reason, List<LineView> lines,
			BigDecimal total, String currency, Instant placedAt) {

		static OrderView of(Order order) {
			return new OrderView(order.orderId(), order.customerId(), order.status().name(), order.reason(),
					order.lines().stream().map(LineView::of).toList(), order.total().amount(),
					order.total().currencyCode(), order.placedAt());
		}

	}

}
