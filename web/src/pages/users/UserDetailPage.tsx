import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import dayjs from 'dayjs';
import { User } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { roleKey, useT } from '../../i18n';
import { AsyncGate, Guard, NotFound, useAsync } from '../../components/common';
import { UserForm } from './UserForm';
import { UserState } from './UserState';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Inner({ id }: { id: string }) {
  const t = useT();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const state = useAsync((signal) => api(`/api/users/${encodeURIComponent(id)}`, { schema: User, signal }), [id]);
  return (
    <AsyncGate state={state}>
      {(u) => (
        <Card
          title={<span data-testid="user-detail-name">{u.displayName}</span>}
          extra={
            <Space>
              <Link to="/users">{t('common.back')}</Link>
              {can('user.write') ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="user-edit">
                  {t('common.edit')}
                </Button>
              ) : null}
            </Space>
          }
        >
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
            <Descriptions.Item label={t('user.username')}>{u.username}</Descriptions.Item>
            <Descriptions.Item label={t('user.state')}>
              <UserState u={u} />
            </Descriptions.Item>
            <Descriptions.Item label={t('user.roles')} span={2}>
              <Space size={4} wrap>
                {u.roles.map((r) => (
                  <Tag key={r} color="blue">
                    {t(roleKey(r))}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('user.unit')}>
              {u.unitId && u.unitName ? can('org.read') ? <Link to={`/org-units/${u.unitId}`}>{u.unitName}</Link> : u.unitName : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('user.scopeArea')}>
              {u.scopeAreaName} ({u.scopeAreaCode})
            </Descriptions.Item>
            <Descriptions.Item label={t('user.phone')}>{u.phoneMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('user.createdAt')}>{dayjs(u.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          </Descriptions>
          <UserForm
            open={editing}
            user={u}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              state.reload();
            }}
          />
        </Card>
      )}
    </AsyncGate>
  );
}

export default function UserDetailPage() {
  const { id = '' } = useParams();
  return <Guard need="user.read">{UUID.test(id) ? <Inner key={id} id={id} /> : <NotFound />}</Guard>;
}
