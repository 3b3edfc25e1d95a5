// Matters per day over the window as a small bar chart (inline SVG: no chart library for 90 bars).
export function Sparkline({ daily, width = 120, height = 28, title }: { daily: readonly number[]; width?: number; height?: number; title?: string }) {
  const max = Math.max(1, ...daily);
  const bar = width / Math.max(1, daily.length);
  const half = Math.floor(daily.length / 2);
  return (
    <svg width={width} height={height} role="img" aria-label={title} data-testid="hot-sparkline" style={{ display: 'block' }}>
      {title ? <title>{title}</title> : null}
      {daily.map((n, i) =>
        n > 0 ? (
          <rect
            key={i}
            x={i * bar}
            y={height - (n / max) * height}
            width={Math.max(1, bar - 0.5)}
            height={(n / max) * height}
            // The later half of the window (what the growth factor counts) in the stronger colour.
            fill={i >= half ? '#cf1322' : '#ff9c6e'}
          />
        ) : null,
      )}
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#d9d9d9" />
    </svg>
  );
}
