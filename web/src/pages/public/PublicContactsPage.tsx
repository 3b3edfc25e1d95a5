import { useState } from 'react';
import { Card, Empty, Input, List, Space, Spin, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { PublicContacts, type AreaLevel } from '@fengqiao/shared';
import { api } from '../../api/client';
import { levelKey, useT } from '../../i18n';
import { ErrorAlert, useAsync } from '../../components/common';
import { AreaCascader } from '../../components/AreaCascader';
import { contactKindKey } from '../contacts/kind';

/**
 * The public contacts directory (全告知): no login. Pick an area; the contacts of that area and of
 * every area above it follow, nearest first, each number a tap-to-call link. Phone-width first;
 * the header, language switch and login link come from PublicLayout.
 */
export default function PublicContactsPage() {
  const t = useT();
  const [areaCode, setAreaCode] = useState<string>();
  const [q, setQ] = useState('');
  const groups = useAsync(
    (signal) => (areaCode ? api('/api/public/contacts', { query: { areaCode, q: q.trim() || undefined }, schema: PublicContacts, signal, noAuthRedirect: true }) : Promise.resolve(null)),
    [areaCode, q],
  );

  return (
    <div data-testid="public-contacts">
      <Typography.Title level={4} style={{ margin: '0 0 8px' }}>
        {t('contacts.publicTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('contacts.publicIntro')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <AreaCascader onChange={setAreaCode} placeholder={t('contacts.chooseArea')} style={{ width: '100%' }} testid="public-area" />
        {areaCode ? <Input.Search allowClear placeholder={t('contacts.keyword')} onSearch={setQ} /> : null}
      </Space>
      {groups.error ? <ErrorAlert error={groups.error} /> : null}
      {groups.loading && areaCode ? <Spin style={{ display: 'block', margin: 24 }} /> : null}
      {groups.data && groups.data.length === 0 ? <Empty description={t('contacts.empty')} /> : null}
      {(groups.data ?? []).map((g) => (
        <Card
          key={g.area.code}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space>
              <Tag color="blue">{t(levelKey(g.area.level as AreaLevel))}</Tag>
              {g.area.name}
            </Space>
          }
        >
          <List
            itemLayout="vertical"
            dataSource={g.contacts}
            renderItem={(c) => (
              <List.Item key={c.id} data-testid="public-contact">
                <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{c.name}</Typography.Text> <Typography.Text type="secondary">{c.title}</Typography.Text>{' '}
                    {c.kind !== 'leader' ? <Tag>{t(contactKindKey(c.kind))}</Tag> : null}
                    {c.duty ? <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>{c.duty}</div> : null}
                  </div>
                  <a href={`tel:${c.phone.replace(/-/g, '')}`} aria-label={`${t('contacts.call')} ${c.name} ${c.phone}`} style={{ fontSize: 16, whiteSpace: 'nowrap', padding: '8px 0' }}>
                    <PhoneOutlined /> {c.phone}
                  </a>
                </div>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </div>
  );
}
