import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { AreaFeatureCollection, AreaGeometry } from '@fengqiao/shared';

const TILE_URL: string | undefined = import.meta.env.VITE_TILE_URL as string | undefined;

const gridStyle: L.PathOptions = { color: '#1677ff', weight: 1.5, fillColor: '#69b1ff', fillOpacity: 0.25 };
const highlightStyle: L.PathOptions = { color: '#fa541c', weight: 3, fillColor: '#ff7a45', fillOpacity: 0.45 };
const outlineStyle: L.PathOptions = { color: '#595959', weight: 2, dashArray: '6 4', fill: false, interactive: false };

export interface GridMapProps {
  grids: AreaFeatureCollection | undefined;
  /** Outline of the selected area when it is not itself one of the grids (drawn non-interactive). */
  outline: AreaGeometry | null;
  highlight: string | null;
  point: [number, number] | null;
  onGridClick?: (code: string) => void;
}

/** Leaflet map without a tile server (plain background) unless VITE_TILE_URL is set. */
export function GridMap({ grids, outline, highlight, point, onGridClick }: GridMapProps) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const clickRef = useRef(onGridClick);
  clickRef.current = onGridClick;

  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { zoomControl: true, attributionControl: !!TILE_URL, center: [39.67, 106.82], zoom: 10, zoomSnap: 0.25 });
    if (TILE_URL) L.tileLayer(TILE_URL, { maxZoom: 19 }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    let bounds: L.LatLngBounds | null = null;
    const extend = (b: L.LatLngBounds) => {
      if (!b.isValid()) return;
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    };
    if (outline) {
      const o = L.geoJSON({ type: 'Feature', properties: {}, geometry: outline } as GeoJSON.Feature, { style: () => outlineStyle, interactive: false });
      o.addTo(g);
      extend(o.getBounds());
    }
    if (grids && grids.features.length > 0) {
      const gj = L.geoJSON(grids as unknown as GeoJSON.FeatureCollection, {
        style: (f) => ((f?.properties as { code?: string } | undefined)?.code === highlight ? highlightStyle : gridStyle),
        onEachFeature: (f, lyr) => {
          const p = f.properties as { code: string; name: string };
          lyr.bindTooltip(`${p.name}<br/><small>${p.code}</small>`, { sticky: true });
          lyr.on('click', () => clickRef.current?.(p.code));
        },
      });
      gj.addTo(g);
      extend(gj.getBounds());
      if (highlight) {
        gj.eachLayer((l) => {
          const f = (l as L.Path & { feature?: GeoJSON.Feature }).feature;
          if ((f?.properties as { code?: string } | undefined)?.code === highlight) (l as L.Path).bringToFront();
        });
      }
    }
    if (point) {
      L.circleMarker([point[1], point[0]], { radius: 6, color: '#cf1322', fillColor: '#ff4d4f', fillOpacity: 0.9, interactive: false }).addTo(g);
    }
    const b = bounds as L.LatLngBounds | null;
    if (b) m.fitBounds(b, { padding: [16, 16] });
  }, [grids, outline, highlight, point]);

  return (
    <div
      ref={el}
      data-testid="area-map"
      data-grid-count={grids?.features.length ?? ''}
      style={{ height: 460, width: '100%', background: '#eef2f6', borderRadius: 6 }}
    />
  );
}
