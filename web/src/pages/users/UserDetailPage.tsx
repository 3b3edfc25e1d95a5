import { Descriptions } from 'antd';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { User, type User as UserT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { RoleTags } from '../../components/RoleTags';
import { DetailCard, RecordPage } from '../../components/record';
import { UserForm } from './UserForm';
import { UserState } from './UserState';

function UserDetail({ u, reload }: { u: UserT; reload: () => void }) {
  const t = useT();
  const { can } = useAuth();
  return (
    <DetailCard
      title={<span data-testid="user-detail-name">{u.displayName}</span>}
      backTo="/users"
      canEdit={can('user.write')}
      editTestId="user-edit"
      editor={(p) => <UserForm {...p} user={u} />}
      onSaved={reload}
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('user.username')}>{u.username}</Descriptions.Item>
        <Descriptions.Item label={t('user.state')}>
          <UserState u={u} />
        </Descriptions.Item>
        <Descriptions.Item label={t('user.roles')} span={2}>
          <RoleTags roles={u.roles} />
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
    </DetailCard>
  );
}

export default function UserDetailPage() {
  return (
    <RecordPage need="user.read" load={(id, signal) => api(`/api/users/${encodeURIComponent(id)}`, { schema: User, signal })}>
      {(u, reload) => <UserDetail u={u} reload={reload} />}
    </RecordPage>
  );
}
