/**
 * The two MQG4AI document templates, in this project's own wording (same
 * section headings as the methodology's templates, which is what makes a
 * document "follow the template"). Snippets, hovers on template headings and
 * the section rules are all derived from these texts.
 */

export const LEAF_QG_TEMPLATE = `---
tags: [{Name: }, {Intent: }, {Problem: }, {Solution: }, {Applicability: }, {Consequences: }, {Usage Example: }]
---

## QG Name (View)

- Reference to a publication or internal report, if any

### 1. Interdependency Graph

#### Input Information
> Which inputs does this design decision consume before it can be taken?

- ##### Related QGs
    > Which earlier quality gates must be passed first, and what do they hand over?

- ##### AI System Information
    > Which facts about the system, its application or its stakeholders shape this decision?

#### Output Information
> Which results of this decision are needed elsewhere in the lifecycle?

- ##### Related QGs
    > Which later quality gates consume these results, and what else would they need?

- ##### Post-Market Monitoring Information (Maintenance Stage)
    > What should be watched once the system is in use, and which signal triggers a review?

<br>

### 2. Quality Gate Creation (Design-Decision-Specific Dimensions)

#### Dimension 1: Content
> What does this gate produce or decide?

#### Dimension 2: Method
> By which procedure is the content produced and checked?

#### Dimension 3: Representation
> Who receives which part of the content, in what form, and at which point in time?

##### Stakeholder 1..n

<br>

#### Evaluation
> Which doubts or open points remain after the gate has been passed?

<br>

### 3. Additional Information

#### Risk Management

- ##### Poses Risk(s)
    > Which risks does this decision introduce or increase?

- ##### Implements Risk Control(s)
    > Which risk controls does this decision put in place?

#### ...
`;

export const RISK_TEMPLATE = `---
tags: [{Name: }, {Intent: <Requirement>_Risk}, {Applicability: <Requirement section>}, {Usage Example: }]
---

## Name
> Scope of this risk record
>> **Use case**:
>> **Result**:
>> **Related Risks**:

### Risk Assessment (Risk Analysis + Risk Evaluation)

#### Risk:

#### Risk analysis
> Describe the hazard, the sequence of events that leads to harm, and who would be harmed.

##### Severity of harm

##### Probability of Occurence

#### Risk evaluation
> Is the risk acceptable as it stands, measured against the acceptance criteria of the risk management plan?

#### Risk control
> Which measures reduce the risk, and where in the lifecycle are they implemented?
`;
