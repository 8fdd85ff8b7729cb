import { useId } from "react";
import { formatUnits } from "viem";
import { formatAmount, tokenSymbol } from "../../lib/format.ts";
import type { PaymentToken } from "../../lib/config/storefront-config.ts";
import { axisTicks, type TokenSales } from "./sales.ts";
import { useElementWidth } from "../../components/useElementWidth.ts";

const HEIGHT = 220;
// The right margin leaves room for half the last day's label, centred under its bar.
const MARGIN = { top: 12, right: 22, bottom: 28, left: 64 };
const MIN_LABEL_SPACING = 64;

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** One bar per day of sales in one token, y axis in the token's units; the same figures as a table below it. */
export function SalesChart({ sales, token }: { sales: TokenSales; token: PaymentToken }) {
  const ids = useId();
  const { ref, width } = useElementWidth<HTMLDivElement>(640);
  const decimals = token.decimals ?? 18;
  const value = (amount: bigint) => Number(formatUnits(amount, decimals));
  const ticks = axisTicks(Math.max(...sales.days.map((day) => value(day.amount))));
  const top = ticks.at(-1) || 1;
  const plot = { width: Math.max(width - MARGIN.left - MARGIN.right, 40), height: HEIGHT - MARGIN.top - MARGIN.bottom };
  const band = plot.width / sales.days.length;
  const labelEvery = Math.ceil(sales.days.length / Math.max(1, Math.floor(plot.width / MIN_LABEL_SPACING)));
  const y = (amount: number) => MARGIN.top + plot.height - (amount / top) * plot.height;
  const unit = tokenSymbol(token);
  const orders = sales.days.reduce((sum, day) => sum + day.orders, 0);
  const best = sales.days.reduce((a, b) => (b.amount > a.amount ? b : a));
  const withSales = sales.days.filter((day) => day.orders > 0);
  return (
    <figure className="sales-chart">
      <h3 className="sales-chart__title">
        In {unit}: {formatAmount(sales.total, token)} from {orders} {orders === 1 ? "order" : "orders"}
      </h3>
      <div ref={ref} className="sales-chart__canvas">
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          aria-labelledby={`${ids}-title ${ids}-desc`}
          data-testid="sales-chart"
        >
          <title id={`${ids}-title`}>
            Sales in {unit} per day, {sales.days.length} days from {dayLabel(sales.days[0].day)} to{" "}
            {dayLabel(sales.days.at(-1)!.day)}
          </title>
          <desc id={`${ids}-desc`}>
            {`Total ${formatAmount(sales.total, token)} from ${orders} ${orders === 1 ? "order" : "orders"}`}
            {best.amount > 0n ? `; best day ${dayLabel(best.day)} with ${formatAmount(best.amount, token)}.` : "."}
          </desc>
          {ticks.map((tick) => (
            <g key={tick} className="sales-chart__grid">
              <line x1={MARGIN.left} x2={MARGIN.left + plot.width} y1={y(tick)} y2={y(tick)} />
              <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                {tick.toLocaleString("en", { maximumFractionDigits: 6 })}
              </text>
            </g>
          ))}
          {sales.days.map((day, index) => {
            const amount = value(day.amount);
            const barWidth = Math.max(1, band * 0.7);
            const dayOrders = `${day.orders} ${day.orders === 1 ? "order" : "orders"}`;
            return (
              <rect
                key={day.day}
                className="sales-chart__bar"
                x={MARGIN.left + index * band + (band - barWidth) / 2}
                y={y(amount)}
                width={barWidth}
                height={MARGIN.top + plot.height - y(amount)}
                data-testid="sales-bar"
                data-day={day.day}
                data-amount={day.amount.toString()}
              >
                <title>{`${dayLabel(day.day)}: ${formatAmount(day.amount, token)} from ${dayOrders}`}</title>
              </rect>
            );
          })}
          {sales.days.map((day, index) =>
            (sales.days.length - 1 - index) % labelEvery === 0 ? (
              <text
                key={day.day}
                className="sales-chart__day"
                x={MARGIN.left + (index + 0.5) * band}
                y={HEIGHT - 8}
                textAnchor="middle"
              >
                {dayLabel(day.day)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      <figcaption>
        <details>
          <summary>Sales in {unit} as a table</summary>
          {withSales.length === 0 ? (
            <p>No sales in these days.</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Orders</th>
                  <th scope="col">Sales</th>
                </tr>
              </thead>
              <tbody>
                {withSales.map((day) => (
                  <tr key={day.day}>
                    <th scope="row">{dayLabel(day.day)}</th>
                    <td>{day.orders}</td>
                    <td>{formatAmount(day.amount, token)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      </figcaption>
    </figure>
  );
}
