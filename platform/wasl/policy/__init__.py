"""The beneficiary-relationship policy as versioned data: content, versions, board approval, publishing."""
