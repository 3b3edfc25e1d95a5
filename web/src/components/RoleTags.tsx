import { Space, Tag } from 'antd';
import type { Role } from '@fengqiao/shared';
import { roleKey, useT } from '../i18n';

/** Blue translated role tags. */
export function RoleTags({ roles, size = 4 }: { roles: readonly Role[]; size?: number }) {
  const t = useT();
  return (
    <Space size={size} wrap>
      {roles.map((r) => (
        <Tag key={r} color="blue">
          {t(roleKey(r))}
        </Tag>
      ))}
    </Space>
  );
}
