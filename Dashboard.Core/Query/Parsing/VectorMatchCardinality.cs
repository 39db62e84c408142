namespace Dashboard.Core.Query.Parsing;

/// <summary>How the series of two vectors pair up in a binary operation.</summary>
public enum VectorMatchCardinality
{
    /// <summary>Each series on one side matches at most one on the other.</summary>
    OneToOne,

    /// <summary><c>group_left</c>: many on the left to one on the right.</summary>
    ManyToOne,

    /// <summary><c>group_right</c>: one on the left to many on the right.</summary>
    OneToMany,

    /// <summary>Set operators.</summary>
    ManyToMany,
}
