import { useMemo, useState } from 'react';
import { Breadcrumb, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { AreaDetail, AreaFeatureCollection, type AreaDetail as AreaDetailT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth';
import { levelKey, useT } from '../../i18n';
import { AsyncGate, ErrorAlert, Guard, useAsync } from '../../components/common';
import { AreaTree } from './AreaTree';
import { GridMap } from './GridMap';
import { LocateForm } from './LocateForm';
import { ImportGeoJson } from './ImportGeoJson';

/** Which area's grids the map shows, and which grid to highlight. */
export function mapTarget(d: AreaDetailT): { root: string; highlight: string | null } {
  const parent = d.ancestors[d.ancestors.length - 1];
  switch (d.level) {
    case 'grid':
      // Show the grid among its siblings when the community is inside the viewer's scope.
      return { root: parent && parent.level === 'community' ? parent.code : d.code, highlight: d.code };
    case 'building':
    case 'unit': {
      const grid = [...d.ancestors].reverse().find((a) => a.level === 'grid');
      return grid ? { root: grid.code, highlight: grid.code } : { root: d.code, highlight: null };
    }
    default:
      return { root: d.code, highlight: null };
  }
}

function TerritoryInner() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const nav = useNavigate();
  const params = useParams();
  const code = params.code ?? me.scopeArea.code;
  const [point, setPoint] = useState<[number, number] | null>(null);

  const detail = useAsync((signal) => api(`/api/areas/${encodeURIComponent(code)}`, { schema: AreaDetail, signal }), [code]);
  const target = useMemo(() => (detail.data ? mapTarget(detail.data) : null), [detail.data]);
  const grids = useAsync(
    (signal) =>
      target
        ? api(`/api/areas/${encodeURIComponent(target.root)}/grids`, { schema: AreaFeatureCollection, signal })
        : Promise.resolve(undefined),
    [target?.root],
  );
  const expandTo = useMemo(() => (detail.data ? detail.data.ancestors.map((a) => a.code) : []), [detail.data]);
  const outline = detail.data && detail.data.level !== 'grid' && target?.root === detail.data.code ? detail.data.geometry : null;

  return (
    <Row gutter={16}>
      <Col xs={24} md={7} xl={6}>
        <Card title={t('area.tree')} size="small" styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }}>
          <AreaTree key={me.scopeArea.code} root={me.scopeArea} selected={code} expandTo={expandTo} onSelect={(c) => nav(`/areas/${c}`)} />
        </Card>
      </Col>
      <Col xs={24} md={17} xl={18}>
        <AsyncGate state={detail}>
          {(d) => (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card size="small" title={t('area.detail')} data-testid="area-detail">
                <Breadcrumb
                  style={{ marginBottom: 12 }}
                  items={[...d.ancestors.map((a) => ({ title: <Link to={`/areas/${a.code}`}>{a.name}</Link> })), { title: d.name }]}
                />
                <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
                  <Descriptions.Item label={t('area.name')}>
                    <span data-testid="area-name">{d.name}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('area.code')}>
                    <span data-testid="area-code">{d.code}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('area.level')}>{t(levelKey(d.level))}</Descriptions.Item>
                  <Descriptions.Item label={t('area.childCount')}>{d.childCount}</Descriptions.Item>
                </Descriptions>
              </Card>
              <Card size="small" title={t('area.map')} extra={can('area.write') ? <ImportGeoJson onDone={() => grids.reload()} /> : null}>
                {grids.error ? <ErrorAlert error={grids.error} /> : null}
                <GridMap
                  grids={grids.data}
                  outline={outline}
                  highlight={target?.highlight ?? null}
                  point={point}
                  onGridClick={(c) => nav(`/areas/${c}`)}
                />
                <div style={{ marginTop: 12 }} data-testid="grid-list">
                  {grids.data && grids.data.features.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('area.noGrids')} />
                  ) : (
                    <>
                      <Typography.Text type="secondary">{t('area.grids', { n: grids.data?.features.length ?? 0 })}</Typography.Text>
                      {grids.data?.features.map((f) => (
                        <Tag
                          key={f.properties.code}
                          data-testid="grid-item"
                          color={f.properties.code === target?.highlight ? 'orange' : undefined}
                          style={{ cursor: 'pointer', marginTop: 4 }}
                          onClick={() => nav(`/areas/${f.properties.code}`)}
                        >
                          {f.properties.name}
                        </Tag>
                      ))}
                    </>
                  )}
                </div>
              </Card>
              <Card size="small" title={t('area.locate')}>
                <LocateForm initial={d.center} onPoint={setPoint} />
              </Card>
            </Space>
          )}
        </AsyncGate>
      </Col>
    </Row>
  );
}

export default function TerritoryPage() {
  return (
    <Guard need="area.read">
      <TerritoryInner />
    </Guard>
  );
}
