// Package relation declares many-to-many relations between the items of two models, stored
// the DynamoDB way: as link items of a third model (a RolePermission per role and
// permission), in a table of their own or beside the items in one table (adjacency items).
//
// # Declaring
//
// A relation names the link attributes that hold the two IDs, and the global secondary
// index that lists the links of the other side:
//
//	rel, err := relation.ManyToMany[string](roles, permissions, links,
//		relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission"))
//
// # One table, keys from templates
//
// In one table the links of a role share its partition: the links' keys are templates of
// the IDs (schema.Template("ROLE#{roleId}") and "PERMISSION#{permissionId}"), and the
// roles' and permissions' keys templates of their own IDs ("ROLE#{id}"). [FromID] and [ToID]
// name the ID attributes; the relation then lists a role's links by a query of the partition
// its template gives for the ID, and reads related items by the keys their templates give.
// [ManyToMany] refuses a template that needs more than the ID (see [ForwardIndex]). The
// indexes may be keyed by templates too (an inverted index: "PERMISSION#{permissionId}").
//
// # Reading
//
// [Relation.List] lists the IDs linked to an item by a query of its links, [Relation.Reverse]
// the other way through the index. [Relation.Populate] loads the related items of many items
// at once, with batched gets of the distinct targets (never one get per link), and reports the
// links whose item is missing in [Populated.Dangling].
//
// # Writing by difference
//
// [Relation.Set] replaces the links of an item by reading the current ones and writing only
// what changed, in one transaction when the changes fit in one (100 actions). A second
// identical Set writes nothing. More changes, or a server without transactions, need
// [AllowBatches]: batch writes, which are not atomic.
//
// # Clients
//
// Set writes through the link model alone, in its transaction or its batches, and Populate
// reads each side's items through that side's model; so the three models may be bound to
// different clients, and [ManyToMany] accepts them. In a unit of work
// ([model.RunInTransaction]) Set's writes join the unit's one request, so the unit's calls
// must be on the links' client ([model.ErrDifferentClients]).
package relation
