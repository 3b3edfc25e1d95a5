import { Tag } from 'antd';
import type { User } from '@fengqiao/shared';
import { useT } from '../../i18n';

export function UserState({ u }: { u: User }) {
  const t = useT();
  const locked = !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
  return (
    <>
      {u.disabled ? <Tag color="default">{t('user.stateDisabled')}</Tag> : null}
      {locked ? <Tag color="red">{t('user.stateLocked')}</Tag> : null}
      {!u.disabled && !locked ? <Tag color="green">{t('user.stateNormal')}</Tag> : null}
    </>
  );
}
