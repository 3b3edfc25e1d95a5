import { useState } from 'react';
import { Card, Descriptions, Space, Table } from 'antd';
import { Link } from 'react-router';
import { MediatorPage, MediatorProfile, StudioProfile, type MediatorRow } from '@fengqiao/shared';
import { api } from '../../api/client';
import { orgKindKey, useT } from '../../i18n';
import { Guard } from '../../components/common';
import { PagedTable, usePagedQuery } from '../../components/paged';
import { RecordPage } from '../../components/record';
import { mediatorColumns, RecordCases, RecordFigures } from './figures';
import { ScopeAreaInput } from './shared';

/** 调解员: everyone who mediates in an area, with their records. */
function Mediators() {
  const t = useT();
  const [areaCode, setAreaCode] = useState<string | undefined>();
  const query = usePagedQuery('/api/mediators', MediatorPage, { areaCode });
  return (
    <Card title={t('dfig.mediatorsTitle')} extra={<ScopeAreaInput width={280} onChange={setAreaCode} testid="mediators-area" />}>
      <PagedTable<MediatorRow> query={query} rowKey="userId" data-testid="mediator-table" columns={mediatorColumns(t)} />
    </Card>
  );
}

export function MediatorsPage() {
  return (
    <Guard need="dispute.read">
      <Mediators />
    </Guard>
  );
}

export function MediatorDetailPage() {
  const t = useT();
  return (
    <RecordPage need="dispute.read" load={(id, signal) => api(`/api/mediators/${encodeURIComponent(id)}`, { schema: MediatorProfile, signal })}>
      {(m) => (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="mediator-page">
          <Card title={m.name} extra={<Link to="/disputes/mediators">{t('common.back')}</Link>}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('dfig.unit')}>{m.unitId && m.unitName ? <Link to={`/disputes/studios/${m.unitId}`}>{m.unitName}</Link> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.area')}>{m.areaName}</Descriptions.Item>
            </Descriptions>
            <RecordFigures r={m} open={m.openCases} />
          </Card>
          <RecordCases r={m} />
        </Space>
      )}
    </RecordPage>
  );
}

/** A studio's or committee's page: "刘磊工作室: 300+ cases, 98%+ success", its mediators and cases. */
export function StudioPage() {
  const t = useT();
  return (
    <RecordPage need="dispute.read" load={(id, signal) => api(`/api/studios/${encodeURIComponent(id)}`, { schema: StudioProfile, signal })}>
      {(st) => (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="studio-page">
          <Card title={<span data-testid="studio-name">{st.name}</span>} extra={t(orgKindKey(st.kind))}>
            <Descriptions size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('dispute.area')}>{st.areaName}</Descriptions.Item>
            </Descriptions>
            <RecordFigures r={st} />
          </Card>
          <Card size="small" title={t('dfig.mediatorsTitle')}>
            <Table<MediatorRow> size="small" rowKey="userId" pagination={false} dataSource={st.mediators} columns={mediatorColumns(t)} />
          </Card>
          <RecordCases r={st} />
        </Space>
      )}
    </RecordPage>
  );
}
