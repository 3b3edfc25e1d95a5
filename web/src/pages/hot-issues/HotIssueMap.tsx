import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { HotIssue } from '@fengqiao/shared';
import { useLeafletMap } from '../../components/useLeafletMap';

// Where the hot issues are: each issue's matters as dots in the colour of its rank, hotter ones
// larger; clicking a dot opens that issue. No tiles unless VITE_TILE_URL is set.

const COLORS = ['#cf1322', '#d4380d', '#d46b08', '#d48806', '#7cb305', '#08979c', '#0958d9', '#531dab', '#c41d7f', '#595959'];
export const colorOfRank = (rank: number) => COLORS[Math.min(rank, COLORS.length - 1)]!;

export function HotIssueMap({ issues, onSelect, height = 420 }: { issues: readonly HotIssue[]; onSelect: (id: string) => void; height?: number }) {
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const { el, map, layers } = useLeafletMap(1);
  const points = issues.reduce((n, h) => n + h.points.length, 0);

  useEffect(() => {
    const m = map.current;
    const g = layers.current[0];
    if (!m || !g) return;
    g.clearLayers();
    const bounds = L.latLngBounds([]);
    // Coldest first, so the hottest are drawn on top.
    [...issues].reverse().forEach((h) => {
      const rank = issues.indexOf(h);
      for (const p of h.points) {
        const marker = L.circleMarker([p.lat, p.lon], {
          radius: Math.min(12, 5 + Math.log2(1 + h.count)),
          color: colorOfRank(rank),
          fillColor: colorOfRank(rank),
          fillOpacity: 0.7,
          weight: 1,
        });
        marker.bindTooltip(`${rank + 1}. ${h.label}`, { sticky: true });
        marker.on('click', () => selectRef.current(h.id));
        marker.addTo(g);
        bounds.extend([p.lat, p.lon]);
      }
    });
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [issues]);

  return <div ref={el} data-testid="hot-map" data-point-count={points} style={{ height, width: '100%', background: '#eef2f6', borderRadius: 6 }} />;
}
