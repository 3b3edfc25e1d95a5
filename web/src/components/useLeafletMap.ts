import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

const TILE_URL: string | undefined = import.meta.env.VITE_TILE_URL as string | undefined;

/**
 * Creates a Leaflet map on `el` once (no tiles unless VITE_TILE_URL is set), adds `layerCount` layer groups,
 * keeps the size in step with the container and removes the map on unmount.
 * `init` runs once right after creation (e.g. to register map event handlers).
 */
export function useLeafletMap(layerCount: number, init?: (m: L.Map) => void) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<L.LayerGroup[]>([]);
  const initRef = useRef(init);

  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { zoomControl: true, attributionControl: !!TILE_URL, center: [39.67, 106.82], zoom: 10, zoomSnap: 0.25 });
    if (TILE_URL) L.tileLayer(TILE_URL, { maxZoom: 19 }).addTo(m);
    layers.current = Array.from({ length: layerCount }, () => L.layerGroup().addTo(m));
    initRef.current?.(m);
    map.current = m;
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      m.remove();
      map.current = null;
      layers.current = [];
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { el, map, layers };
}

/** Fits the map to the union of the layers' valid bounds; returns false when none has any. */
export function fitToLayers(m: L.Map, layers: readonly L.GeoJSON[], padding: number): boolean {
  let bounds: L.LatLngBounds | null = null;
  for (const layer of layers) {
    const b = layer.getBounds();
    if (b.isValid()) bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
  }
  if (!bounds) return false;
  m.fitBounds(bounds, { padding: [padding, padding] });
  return true;
}
