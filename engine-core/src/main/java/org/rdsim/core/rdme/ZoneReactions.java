package org.rdsim.core.rdme;

import org.rdsim.core.model.Domain;
import org.rdsim.core.model.Model;

/** Which reactions happen in which zone: those listed for a compartment, none in an obstacle. */
final class ZoneReactions {

    /** False when every reaction happens everywhere (no restriction, no obstacle): nothing to check. */
    final boolean restricted;
    private final boolean[] allowed; // [zone * reactions + j]
    private final int reactions;

    ZoneReactions(Model model) {
        Domain d = model.domain();
        reactions = model.reactionCount();
        allowed = new boolean[d.zones() * reactions];
        boolean any = false;
        for (int z = 0; z < d.zones(); z++) {
            for (int j = 0; j < reactions; j++) {
                allowed[z * reactions + j] = !d.obstacle(z) && model.reactions().get(j).in(z);
                any |= !allowed[z * reactions + j];
            }
        }
        restricted = any;
    }

    boolean allowed(int zone, int j) {
        return !restricted || allowed[zone * reactions + j];
    }
}
