import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { AreaFeatureCollection, AreaGeometry } from '@fengqiao/shared';
import { fitToLayers, useLeafletMap } from '../../components/useLeafletMap';

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
  const { el, map, layers } = useLeafletMap(1);
  const clickRef = useRef(onGridClick);
  clickRef.current = onGridClick;

  useEffect(() => {
    const m = map.current;
    const g = layers.current[0];
    if (!m || !g) return;
    g.clearLayers();
    const added: L.GeoJSON[] = [];
    if (outline) {
      const o = L.geoJSON({ type: 'Feature', properties: {}, geometry: outline } as GeoJSON.Feature, { style: () => outlineStyle, interactive: false });
      added.push(o.addTo(g));
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
      added.push(gj.addTo(g));
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
    fitToLayers(m, added, 16);
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
