namespace CleanChat.Application.Messages.Queries.SearchMessages;

public enum SearchOrder
{
    /// <summary>Best match first (most of the words, in the shortest text), newer first among equals.</summary>
    Relevance = 1,

    /// <summary>Newest first: for queries with more matches than are ranked.</summary>
    Newest = 2,
}
