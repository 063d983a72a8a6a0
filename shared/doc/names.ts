// Names the documents and the scenario share: the driver models and the memory providers.
// The scenario schema builds its enums from these lists, so a name exists once.

/** Driver models, in the order the schema's `driver` enum lists them. */
export const DRIVERS = ['generic', 'gve', 'mlx4', 'mt76', 'hns3', 'mlx5'] as const;
export type DriverName = (typeof DRIVERS)[number];

/** Memory providers a NIC's `provider.kind` can name (include/net/page_pool/memory_provider.h). */
export const PROVIDER_KINDS = ['dmabuf', 'zcrx'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** What feeds a page_pool: the page allocator, or one of the memory providers. */
export type PoolProvider = 'pages' | ProviderKind;
export const POOL_PROVIDERS = ['pages', ...PROVIDER_KINDS] as const satisfies readonly PoolProvider[];
