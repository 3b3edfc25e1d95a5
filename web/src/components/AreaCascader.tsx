import { useEffect, useRef, useState } from 'react';
import { Cascader } from 'antd';
import { z } from 'zod';
import { PublicAreaChild } from '@fengqiao/shared';
import { api } from '../api/client';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const Children = z.array(PublicAreaChild);
/** The public picker's pseudo-code for the top of the tree (server: contacts/service PUBLIC_ROOT). */
const ROOT = '000000';

const load = (code: string) =>
  api(`/api/public/areas/${code}/children`, { schema: Children, noAuthRedirect: true }).then((list) =>
    list.map((a): Option => ({ value: a.code, label: a.name, isLeaf: !a.hasChildren })),
  );

/**
 * Cascading area picker (市 → 区 → 街道 → 社区 → 网格) fed by the public children endpoint, so it
 * works without a session. Any level may be chosen; `onChange` gets the deepest chosen code.
 */
export function AreaCascader({
  onChange,
  root,
  placeholder,
  style,
  testid,
}: {
  /** The deepest chosen code, and the names along the chosen path. */
  onChange: (code: string | undefined, names: string[]) => void;
  /** Start at this area (the viewer's scope), chosen at first, instead of the top of the tree. */
  root?: { code: string; name: string };
  placeholder?: string;
  style?: React.CSSProperties;
  testid?: string;
}) {
  const [options, setOptions] = useState<Option[]>(root ? [{ value: root.code, label: root.name, isLeaf: false }] : []);
  // Five levels of columns are wider than a phone: the popup scrolls sideways, to the newest column.
  const menus = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (root) return;
    let alive = true;
    load(ROOT)
      .then((o) => alive && setOptions(o))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [root]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    target.children = await load(target.value).catch(() => []);
    if (target.children.length === 0) target.isLeaf = true;
    setOptions((o) => [...o]);
    requestAnimationFrame(() => menus.current?.scrollTo({ left: menus.current.scrollWidth }));
  };

  return (
    <Cascader<Option>
      data-testid={testid}
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear
      defaultValue={root ? [root.code] : undefined}
      popupRender={(menu) => (
        <div ref={menus} style={{ maxWidth: 'calc(100vw - 24px)', overflowX: 'auto' }}>
          {menu}
        </div>
      )}
      placeholder={placeholder}
      style={style}
      onChange={(path, chosen) => onChange(path && path.length ? String(path[path.length - 1]) : undefined, (chosen ?? []).map((o) => o.label))}
    />
  );
}
