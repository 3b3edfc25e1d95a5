import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { AreaFeatureCollection, AreaGeometry } from '@fengqiao/shared';
import { fitToLayers, useLeafletMap } from '../../components/useLeafletMap';
const gridStyle: L.PathOptions = { color: '#1677ff', weight: 1.5, fillColor: '#69b1ff', fillOpacity: 0.2 };

export interface MatterMapProps {
  /** Grids to draw (the reporter's own grids on the report form). */
  grids?: AreaFeatureCollection | undefined;
  /** One polygon to draw (the matter's grid on the matter page). */
  polygon?: AreaGeometry | null;
  point: [number, number] | null;
  /** Clicking the map picks a point (lon, lat). */
  onPick?: (lon: number, lat: number) => void;
  height?: number;
  testid?: string;
}

/** Small Leaflet map: grid polygons, one point, optional click-to-pick. No tiles unless VITE_TILE_URL is set. */
export function MatterMap({ grids, polygon, point, onPick, height = 320, testid = 'matter-map' }: MatterMapProps) {
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const { el, map, layers } = useLeafletMap(2, (m) =>
    m.on('click', (e: L.LeafletMouseEvent) => pickRef.current?.(Number(e.latlng.lng.toFixed(7)), Number(e.latlng.lat.toFixed(7)))),
  );

  // Shapes: redraw and fit when the grids or the polygon change (not when the point moves).
  useEffect(() => {
    const m = map.current;
    const g = layers.current[0];
    if (!m || !g) return;
    g.clearLayers();
    const added: L.GeoJSON[] = [];
    const add = (gj: L.GeoJSON) => added.push(gj.addTo(g));
    if (grids && grids.features.length) {
      add(
        L.geoJSON(grids as unknown as GeoJSON.FeatureCollection, {
          style: () => gridStyle,
          // Clicks go through to the map (bubbling), so clicking inside a grid picks a point.
          onEachFeature: (f, lyr) => lyr.bindTooltip((f.properties as { name: string }).name, { sticky: true }),
        }),
      );
    }
    if (polygon) add(L.geoJSON({ type: 'Feature', properties: {}, geometry: polygon } as GeoJSON.Feature, { style: () => gridStyle, interactive: false }));
    if (!fitToLayers(m, added, 12) && point) m.setView([point[1], point[0]], 15);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [grids, polygon]);

  useEffect(() => {
    const g = layers.current[1];
    if (!g) return;
    g.clearLayers();
    if (point) L.circleMarker([point[1], point[0]], { radius: 7, color: '#cf1322', fillColor: '#ff4d4f', fillOpacity: 0.9, interactive: false }).addTo(g);
  }, [point]);

  return (
    <div
      ref={el}
      data-testid={testid}
      data-grid-count={grids?.features.length ?? (polygon ? 1 : 0)}
      style={{ height, width: '100%', background: '#eef2f6', borderRadius: 6, cursor: onPick ? 'crosshair' : undefined }}
    />
  );
}
