import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../auth';
import { actionKey, useT } from '../../i18n';
import { RoleTags } from '../../components/RoleTags';

export default function HomePage() {
  const t = useT();
  const me = useMe();
  const u = me.user;
  return (
    <Card title={t('home.title')} data-testid="home-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: u.displayName })}
      </Typography.Title>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('home.username')}>{u.username}</Descriptions.Item>
        <Descriptions.Item label={t('home.displayName')}>{u.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('home.roles')}>
          <RoleTags roles={u.roles} />
        </Descriptions.Item>
        <Descriptions.Item label={t('home.scope')}>
          {me.permissions.includes('area.read') ? <Link to={`/areas/${me.scopeArea.code}`}>{me.scopeArea.name}</Link> : me.scopeArea.name}{' '}
          <Typography.Text type="secondary">({me.scopeArea.code})</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('home.unit')}>
          {u.unitId && u.unitName ? (
            me.permissions.includes('org.read') ? <Link to={`/org-units/${u.unitId}`}>{u.unitName}</Link> : u.unitName
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('home.permissions')}>
          <Space size={4} wrap>
            {me.permissions.map((a) => (
              <Tag key={a}>{t(actionKey(a))}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
