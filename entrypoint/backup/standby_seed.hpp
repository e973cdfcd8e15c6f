// A streaming replica's first copy from the pgBackRest repository instead of the primary
// (replica/clone.hpp, PGFIT_REPLICA_SEED): `pgbackrest info` tells whether the stanza holds a
// backup; if it does, `restore --type=standby` of the newest one into the clone's staging
// directory, with the replica's slot as primary_slot_name. The standby then replays the
// archived WAL (restore_command) and streams from its primary through the slot.
#pragma once

#include <string>

#include "backup/backup_settings.hpp"
#include "backup/pgbackrest_conf.hpp"
#include "replica/clone.hpp"

namespace pgfit::backup {

replica::RepositorySeed seed_standby(supervise::Supervisor& supervisor,
                                     const BackupSettings& settings, const Cluster& cluster,
                                     const Environment& environment, const std::string& staging,
                                     const std::string& slot);

} // namespace pgfit::backup
